#!/usr/bin/env python3
"""Writes configs/scenes/stage-props.glb, a small glTF 2.0 binary sample scene made here for StageControl
(python3 standard library only; glTF 2.0 spec section 4.4 GLB layout). Props placed beyond the demo volume's wall:
a textured checker crate, an orange arch of three blocks and a teal pyramid. Stage space = glTF space (+Y up, metres).
Usage: python3 configs/scenes/make-stage-props.py [OUT.glb]"""
import json, struct, sys, zlib

def png(width, height, rgb_at):
    raw = b''.join(b'\x00' + bytes(c for x in range(width) for c in rgb_at(x, y)) for y in range(height))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

def cube():
    faces = [((1,0,0),(0,0,-1),(0,1,0)), ((-1,0,0),(0,0,1),(0,1,0)), ((0,1,0),(1,0,0),(0,0,-1)),
             ((0,-1,0),(1,0,0),(0,0,1)), ((0,0,1),(1,0,0),(0,1,0)), ((0,0,-1),(-1,0,0),(0,1,0))]
    pos, nor, uv, idx = [], [], [], []
    for n, u, v in faces:
        base = len(pos) // 3
        for su, sv in ((-.5,-.5), (.5,-.5), (.5,.5), (-.5,.5)):
            pos += [n[i]*.5 + u[i]*su + v[i]*sv for i in range(3)]
            nor += list(n)
            uv += [su + .5, .5 - sv]
        idx += [base, base+1, base+2, base, base+2, base+3]
    return pos, nor, uv, idx

def pyramid():
    apex, base = (0, 1, 0), [(-.5,0,.5), (.5,0,.5), (.5,0,-.5), (-.5,0,-.5)]
    pos, nor, uv, idx = [], [], [], []
    def tri(a, b, c):
        ux, uy, uz = (b[i]-a[i] for i in range(3)); vx, vy, vz = (c[i]-a[i] for i in range(3))
        n = (uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx); l = sum(k*k for k in n) ** .5
        for p in (a, b, c):
            idx.append(len(pos)//3); pos.extend(p); nor.extend(k/l for k in n); uv.extend((0, 0))
    for i in range(4):
        tri(base[i], base[(i+1) % 4], apex)
    tri(base[0], base[2], base[1]); tri(base[0], base[3], base[2])
    return pos, nor, uv, idx

bin_, views, accessors = bytearray(), [], []
def view(data):
    while len(bin_) % 4: bin_.append(0)
    views.append({'buffer': 0, 'byteOffset': len(bin_), 'byteLength': len(data)}); bin_.extend(data)
    return len(views) - 1
def floats(values, kind, bounds=False):
    a = {'bufferView': view(struct.pack('<%df' % len(values), *values)), 'componentType': 5126,
         'count': len(values) // (3 if kind == 'VEC3' else 2), 'type': kind}
    if bounds:
        a['min'] = [min(values[i::3]) for i in range(3)]; a['max'] = [max(values[i::3]) for i in range(3)]
    accessors.append(a); return len(accessors) - 1
def indices(values):
    accessors.append({'bufferView': view(struct.pack('<%dH' % len(values), *values)), 'componentType': 5123,
                      'count': len(values), 'type': 'SCALAR'}); return len(accessors) - 1
def mesh(geometry, material):
    p, n, t, i = geometry
    return {'primitives': [{'attributes': {'POSITION': floats(p, 'VEC3', True), 'NORMAL': floats(n, 'VEC3'),
                                           'TEXCOORD_0': floats(t, 'VEC2')}, 'indices': indices(i), 'material': material}]}

checker = png(16, 16, lambda x, y: (200, 160, 90) if (x // 4 + y // 4) % 2 == 0 else (90, 60, 30))
doc = {
    'asset': {'version': '2.0', 'generator': 'StageControl configs/scenes/make-stage-props.py'},
    'images': [{'bufferView': view(checker), 'mimeType': 'image/png'}],
    'textures': [{'source': 0}],
    'materials': [
        {'name': 'crate', 'pbrMetallicRoughness': {'baseColorFactor': [1, 1, 1, 1], 'baseColorTexture': {'index': 0}}},
        {'name': 'arch', 'pbrMetallicRoughness': {'baseColorFactor': [0.95, 0.45, 0.1, 1]}},
        {'name': 'pyramid', 'pbrMetallicRoughness': {'baseColorFactor': [0.1, 0.7, 0.65, 1]}},
    ],
    'meshes': [mesh(cube(), 0), mesh(cube(), 1), mesh(pyramid(), 2)],
    'nodes': [
        {'name': 'props', 'children': [1, 2, 6]},
        {'name': 'crate', 'mesh': 0, 'translation': [-2.5, 0.6, -9], 'rotation': [0, 0.2588190, 0, 0.9659258], 'scale': [1.2, 1.2, 1.2]},
        {'name': 'arch', 'translation': [0, 0, -13], 'children': [3, 4, 5]},
        {'name': 'arch-left', 'mesh': 1, 'translation': [-1.5, 1.25, 0], 'scale': [0.5, 2.5, 0.5]},
        {'name': 'arch-right', 'mesh': 1, 'translation': [1.5, 1.25, 0], 'scale': [0.5, 2.5, 0.5]},
        {'name': 'arch-top', 'mesh': 1, 'matrix': [3.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.5, 0, 0, 2.75, 0, 1]},
        {'name': 'pyramid', 'mesh': 2, 'translation': [3, 0, -8.5], 'scale': [1.5, 2, 1.5]},
    ],
    'scenes': [{'name': 'stage-props', 'nodes': [0]}],
    'scene': 0,
}
doc['bufferViews'] = views; doc['accessors'] = accessors; doc['buffers'] = [{'byteLength': len(bin_)}]
js = json.dumps(doc, separators=(',', ':')).encode()
js += b' ' * (-len(js) % 4); bin_ += b'\x00' * (-len(bin_) % 4)
glb = struct.pack('<III', 0x46546C67, 2, 12 + 8 + len(js) + 8 + len(bin_)) + struct.pack('<II', len(js), 0x4E4F534A) + js \
    + struct.pack('<II', len(bin_), 0x004E4942) + bytes(bin_)
out = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit('/', 1)[0] + '/stage-props.glb'
open(out, 'wb').write(glb)
print(out, len(glb), 'bytes')
