"""Hand-written protobuf encoding of the tiny messages of protos/stagecontrol/v1/echo.proto and
protos/grpc/health/v1/health.proto (protobuf encoding guide: varint wire type 0, length-delimited wire type 2).
Avoids generated stubs, whose protoc must match Debian's python3-protobuf."""

# field number -> (name, kind) with kind 's' (string) or 'i' (non-negative int32)
ECHO_REQUEST = {1: ("text", "s"), 2: ("count", "i"), 3: ("delay_ms", "i"), 4: ("fail_code", "i"), 5: ("fail_message", "s")}
ECHO_REPLY = {1: ("text", "s"), 2: ("index", "i")}
HEALTH_REQUEST = {1: ("service", "s")}
HEALTH_RESPONSE = {1: ("status", "i")}


def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def encode(schema, values):
    out = bytearray()
    for number, (name, kind) in sorted(schema.items()):
        v = values.get(name)
        if not v:
            continue  # proto3 default values are not sent
        if kind == "s":
            data = v.encode("utf-8")
            out += _varint(number << 3 | 2) + _varint(len(data)) + data
        else:
            out += _varint(number << 3 | 0) + _varint(v)
    return bytes(out)


def _read_varint(data, pos):
    shift = result = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def decode(schema, data):
    values = {name: ("" if kind == "s" else 0) for name, kind in schema.values()}
    pos = 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            v, pos = _read_varint(data, pos)
        elif wire == 2:
            length, pos = _read_varint(data, pos)
            v = data[pos:pos + length]
            pos += length
        else:
            raise ValueError("unsupported wire type %d" % wire)
        if number in schema:
            name, kind = schema[number]
            values[name] = v.decode("utf-8") if kind == "s" else v
    return values


def serializer(schema):
    return lambda values: encode(schema, values)


def deserializer(schema):
    return lambda data: decode(schema, data)
