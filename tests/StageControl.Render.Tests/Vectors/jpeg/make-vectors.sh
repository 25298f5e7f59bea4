#!/usr/bin/env bash
# Regenerates the JPEG test vectors in this folder (see README.md): synthetic sources (make_sources.py), encoded by
# libjpeg-turbo's cjpeg at quality 90 in each mode, and decoded back by the same libjpeg-turbo's djpeg as the reference
# pixels (-dct float, default "fancy" upsampling). Needs Debian's libjpeg-turbo-progs and python3; the tests do not.
set -euo pipefail
cd "$(dirname "$0")"
python3 make_sources.py 37x23 64x48 5x3 quad32x32

encode() { # name source cjpeg-args...
  local name=$1 src=$2; shift 2
  cjpeg "$@" -outfile "$name.jpg" "$src"
}

for size in 37x23 64x48; do
  src=src-$size.ppm
  encode "$size-grey"                 "$src" -quality 90 -grayscale
  encode "$size-444"                  "$src" -quality 90 -sample 1x1
  encode "$size-422"                  "$src" -quality 90 -sample 2x1
  encode "$size-420"                  "$src" -quality 90 -sample 2x2
  encode "$size-411"                  "$src" -quality 90 -sample 4x1
  encode "$size-440"                  "$src" -quality 90 -sample 1x2
  encode "$size-311"                  "$src" -quality 90 -sample 3x1
  encode "$size-mixed"                "$src" -quality 90 -sample 2x2,2x1,1x1
  encode "$size-420-restart"          "$src" -quality 90 -sample 2x2 -restart 1B
  encode "$size-444-restart-rows"     "$src" -quality 90 -sample 1x1 -restart 1
  encode "$size-420-multiscan"        "$src" -quality 90 -sample 2x2 -scans scans-sequential.txt
  encode "$size-420-optimize"         "$src" -quality 90 -sample 2x2 -optimize
  encode "$size-420-q5-sof1"          "$src" -quality 5 -sample 2x2
  encode "$size-grey-progressive"     "$src" -quality 90 -grayscale -progressive
  encode "$size-444-progressive"      "$src" -quality 90 -sample 1x1 -progressive
  encode "$size-420-progressive"      "$src" -quality 90 -sample 2x2 -progressive
  encode "$size-422-progressive-restart" "$src" -quality 90 -sample 2x1 -progressive -restart 1B
  encode "$size-420-progressive-deep" "$src" -quality 90 -sample 2x2 -scans scans-progressive-deep.txt
done
encode "5x3-420" src-5x3.ppm -quality 90 -sample 2x2
encode "5x3-420-progressive" src-5x3.ppm -quality 90 -sample 2x2 -progressive
# The glTF loader tests' texture: quadrants at quality 95, 4:2:0 (as exporters typically write).
encode "quad32x32-420" src-quad32x32.ppm -quality 95 -sample 2x2
# Refusal vector: arithmetic coding (SOF9), which the decoder must refuse by name.
encode "37x23-444-arith" src-37x23.ppm -quality 90 -sample 1x1 -arithmetic

# Reference decodes: P6 (colour) or P5 (grey) next to each JPEG, except the refusal vector.
for jpg in *.jpg; do
  case "$jpg" in *-arith.jpg) continue ;; esac
  djpeg -dct float -ppm -outfile "${jpg%.jpg}.ref.pnm" "$jpg"
done
