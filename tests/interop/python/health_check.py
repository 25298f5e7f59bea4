"""python3-grpcio against a running `stagectl coordinator`. Usage: health_check.py PORT.
Checks: Health/Check -> SERVING for the server and each stage service; an unknown method -> UNIMPLEMENTED;
Health/Watch with a 1 s deadline sees SERVING, then ends with DEADLINE_EXCEEDED.
Prints 'ok coordinator' and exits 0, or prints the failure and exits 1."""
import sys

import grpc

from wire import HEALTH_REQUEST, HEALTH_RESPONSE, deserializer, serializer

SERVING = 1
SERVICES = ["", "stagecontrol.v1.NodeSession", "stagecontrol.v1.StageService", "stagecontrol.v1.TrackingService",
            "stagecontrol.v1.OperatorService", "stagecontrol.v1.StatusService"]


def health(channel, kind, method):
    return getattr(channel, kind)("/grpc.health.v1.Health/" + method,
                                  request_serializer=serializer(HEALTH_REQUEST),
                                  response_deserializer=deserializer(HEALTH_RESPONSE))


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    port = int(sys.argv[1])
    with grpc.insecure_channel("127.0.0.1:%d" % port) as ch:
        for service in SERVICES:
            reply = health(ch, "unary_unary", "Check")({"service": service}, timeout=10)
            expect(reply["status"] == SERVING, "Check(%r) status %r" % (service, reply["status"]))

        try:
            ch.unary_unary("/stagecontrol.v1.StageService/NoSuchMethod",
                           request_serializer=lambda v: b"", response_deserializer=lambda b: b)(None, timeout=10)
            raise AssertionError("an unknown method succeeded")
        except grpc.RpcError as e:
            expect(e.code() == grpc.StatusCode.UNIMPLEMENTED, "unknown method: %s %s" % (e.code(), e.details()))

        watch = health(ch, "unary_stream", "Watch")({"service": ""}, timeout=1.0)
        seen = []
        try:
            for reply in watch:
                seen.append(reply["status"])
            raise AssertionError("Watch ended without a deadline, saw %r" % seen)
        except grpc.RpcError as e:
            expect(e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "Watch ended with %s %s" % (e.code(), e.details()))
        expect(seen[:1] == [SERVING], "Watch saw %r" % seen)
    print("ok coordinator", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as ex:  # noqa: BLE001 - report any failure as the check's result
        print("FAIL coordinator: %s: %s" % (type(ex).__name__, ex), flush=True)
        sys.exit(1)
