"""python3-grpcio Echo server (semantics of TestEchoService.cs) for StageControl.Rpc's client.
Prints 'PORT n' once serving on 127.0.0.1; stops when stdin closes."""
import sys
import time
from concurrent import futures

import grpc

from wire import ECHO_REPLY, ECHO_REQUEST, deserializer, serializer

CODES = {c.value[0]: c for c in grpc.StatusCode}


def echo_headers(context):
    md = dict(context.invocation_metadata())
    initial, trailing = [], []
    if "x-echo" in md:
        initial.append(("x-echo", md["x-echo"]))
        trailing.append(("x-echo-trailer", md["x-echo"]))
    if "x-echo-bin" in md:
        initial.append(("x-echo-bin", md["x-echo-bin"]))
        trailing.append(("x-echo-trailer-bin", md["x-echo-bin"]))
    if initial:
        context.send_initial_metadata(initial)
        context.set_trailing_metadata(trailing)


def delay(request, context):
    end = time.monotonic() + request["delay_ms"] / 1000.0
    while time.monotonic() < end:
        if not context.is_active():
            raise RuntimeError("cancelled")
        time.sleep(0.005)


def fail_if_asked(request, context):
    if request["fail_code"]:
        context.set_trailing_metadata([("x-fail-trailer", "present")])
        context.abort(CODES[request["fail_code"]], request["fail_message"])


def unary(request, context):
    echo_headers(context)
    delay(request, context)
    fail_if_asked(request, context)
    return {"text": request["text"]}


def server_stream(request, context):
    echo_headers(context)
    for i in range(request["count"]):
        delay(request, context)
        yield {"text": "%s:%d" % (request["text"], i), "index": i}
    fail_if_asked(request, context)


def client_stream(requests, context):
    echo_headers(context)
    texts, last = [], None
    for r in requests:
        texts.append(r["text"])
        last = r
    if last:
        fail_if_asked(last, context)
    return {"text": ",".join(texts), "index": len(texts)}


def bidi(requests, context):
    echo_headers(context)
    for i, r in enumerate(requests):
        delay(r, context)
        fail_if_asked(r, context)
        yield {"text": r["text"], "index": i}


def main():
    req, rep = deserializer(ECHO_REQUEST), serializer(ECHO_REPLY)
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary, request_deserializer=req, response_serializer=rep),
        "ServerStream": grpc.unary_stream_rpc_method_handler(server_stream, request_deserializer=req, response_serializer=rep),
        "ClientStream": grpc.stream_unary_rpc_method_handler(client_stream, request_deserializer=req, response_serializer=rep),
        "Bidi": grpc.stream_stream_rpc_method_handler(bidi, request_deserializer=req, response_serializer=rep),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32),
                         options=[("grpc.max_send_message_length", 16 * 1024 * 1024)])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("stagecontrol.v1.Echo", handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()
    server.stop(grace=None)


if __name__ == "__main__":
    main()
