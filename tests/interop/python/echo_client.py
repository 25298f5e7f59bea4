"""python3-grpcio as a client of StageControl.Rpc's server. Usage: echo_client.py CHECK PORT.
Prints 'ok CHECK' and exits 0, or prints the failure and exits 1."""
import queue
import sys
import time

import grpc

from wire import ECHO_REPLY, ECHO_REQUEST, HEALTH_REQUEST, HEALTH_RESPONSE, deserializer, serializer

MESSAGE = 'naïve 100% "fail"\nline two €'


def echo(channel, kind, method):
    return getattr(channel, kind)("/stagecontrol.v1.Echo/" + method,
                                  request_serializer=serializer(ECHO_REQUEST),
                                  response_deserializer=deserializer(ECHO_REPLY))


def health(channel, kind, method):
    return getattr(channel, kind)("/grpc.health.v1.Health/" + method,
                                  request_serializer=serializer(HEALTH_REQUEST),
                                  response_deserializer=deserializer(HEALTH_RESPONSE))


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_code(fn, code):
    try:
        fn()
    except grpc.RpcError as e:
        expect(e.code() == code, "expected %s, got %s: %s" % (code, e.code(), e.details()))
        return e
    raise AssertionError("expected %s, the call succeeded" % code)


def check_health_check(ch):
    reply = health(ch, "unary_unary", "Check")({"service": ""}, timeout=10)
    expect(reply["status"] == 1, "overall status %r" % reply)
    reply = health(ch, "unary_unary", "Check")({"service": "stagecontrol.v1.Echo"}, timeout=10)
    expect(reply["status"] == 1, "echo status %r" % reply)
    expect_code(lambda: health(ch, "unary_unary", "Check")({"service": "nope"}, timeout=10), grpc.StatusCode.NOT_FOUND)


def check_health_watch(ch):
    call = health(ch, "unary_stream", "Watch")({"service": "stagecontrol.v1.Echo"}, timeout=10)
    first = next(call)
    expect(first["status"] == 1, "first watch status %r" % first)
    call.cancel()
    expect_code(lambda: next(call), grpc.StatusCode.CANCELLED)


def check_unary(ch):
    reply = echo(ch, "unary_unary", "Unary")({"text": "hello"}, timeout=10)
    expect(reply["text"] == "hello", "reply %r" % reply)


def check_server_stream(ch):
    texts = [r["text"] for r in echo(ch, "unary_stream", "ServerStream")({"text": "s", "count": 5}, timeout=10)]
    expect(texts == ["s:%d" % i for i in range(5)], "texts %r" % texts)


def check_client_stream(ch):
    reply = echo(ch, "stream_unary", "ClientStream")(iter([{"text": t} for t in "abc"]), timeout=10)
    expect(reply["text"] == "a,b,c" and reply["index"] == 3, "reply %r" % reply)


def check_bidi(ch):
    # Ping-pong: the next request is produced only after the previous reply arrived.
    q = queue.Queue()

    def requests():
        for i in range(10):
            yield {"text": "p%d" % i}
            expect(q.get(timeout=10) == "p%d" % i, "pong %d" % i)

    replies = echo(ch, "stream_stream", "Bidi")(requests(), timeout=10)
    count = 0
    for r in replies:
        q.put(r["text"])
        count += 1
    expect(count == 10, "count %d" % count)


def check_error(ch):
    def call():
        echo(ch, "unary_unary", "Unary").with_call({"fail_code": 9, "fail_message": MESSAGE}, timeout=10)
    e = expect_code(call, grpc.StatusCode.FAILED_PRECONDITION)
    expect(e.details() == MESSAGE, "details %r" % e.details())
    expect(("x-fail-trailer", "present") in list(e.trailing_metadata()), "trailers %r" % (e.trailing_metadata(),))


def check_deadline(ch):
    started = time.monotonic()
    expect_code(lambda: echo(ch, "unary_unary", "Unary")({"text": "slow", "delay_ms": 5000}, timeout=0.3),
                grpc.StatusCode.DEADLINE_EXCEEDED)
    expect(time.monotonic() - started < 4, "deadline took too long")


def check_cancel(ch):
    call = echo(ch, "unary_stream", "ServerStream")({"text": "c", "count": 1000, "delay_ms": 20}, timeout=20)
    first = next(call)
    expect(first["text"] == "c:0", "first %r" % first)
    call.cancel()
    expect(call.code() == grpc.StatusCode.CANCELLED, "code %s" % call.code())


def check_metadata(ch):
    blob = bytes([0, 255, 16, 128, 127])
    reply, call = echo(ch, "unary_unary", "Unary").with_call(
        {"text": "m"}, metadata=[("x-echo", "value 1"), ("x-echo-bin", blob)], timeout=10)
    initial = dict(call.initial_metadata())
    trailing = dict(call.trailing_metadata())
    expect(initial.get("x-echo") == "value 1" and initial.get("x-echo-bin") == blob, "initial %r" % initial)
    expect(trailing.get("x-echo-trailer") == "value 1" and trailing.get("x-echo-trailer-bin") == blob, "trailing %r" % trailing)


def check_unimplemented(ch):
    expect_code(lambda: echo(ch, "unary_unary", "Missing")({"text": "x"}, timeout=10), grpc.StatusCode.UNIMPLEMENTED)


def check_oversized(ch):
    expect_code(lambda: echo(ch, "unary_unary", "Unary")({"text": "x" * (4 * 1024 * 1024 + 1024)}, timeout=20),
                grpc.StatusCode.RESOURCE_EXHAUSTED)


def main():
    name, port = sys.argv[1], int(sys.argv[2])
    options = [("grpc.max_send_message_length", 16 * 1024 * 1024)]
    with grpc.insecure_channel("127.0.0.1:%d" % port, options=options) as ch:
        globals()["check_" + name](ch)
    print("ok " + name, flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as ex:  # noqa: BLE001 - report any failure as the check's result
        print("FAIL %s: %s: %s" % (sys.argv[1] if len(sys.argv) > 1 else "?", type(ex).__name__, ex), flush=True)
        sys.exit(1)
