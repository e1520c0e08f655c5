package io.mlcycle.router.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A serving pod stand-in for gRPC: {@code inference.GRPCInferenceService/ModelInfer} as bytes, answering
 * {@code name:request}; a request of {@code fail} gets INVALID_ARGUMENT with a message and a trailer of its own.
 */
final class GrpcBackend implements AutoCloseable {

    static final MethodDescriptor<byte[], byte[]> MODEL_INFER = MethodDescriptor.newBuilder(ByteMarshaller.INSTANCE,
            ByteMarshaller.INSTANCE).setFullMethodName(GrpcProxyServer.SERVICE + "/ModelInfer")
            .setType(MethodDescriptor.MethodType.UNARY).build();
    static final Metadata.Key<String> DETAIL = Metadata.Key.of("x-backend-detail", Metadata.ASCII_STRING_MARSHALLER);

    final String name;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** When set, the answer to every request instead of {@code name:request}. */
    volatile byte[] answer;
    private final Server server;

    GrpcBackend(String name) throws IOException {
        this.name = name;
        ServerServiceDefinition service = ServerServiceDefinition.builder(GrpcProxyServer.SERVICE)
                .addMethod(MODEL_INFER, ServerCalls.asyncUnaryCall((request, response) -> {
                    String text = new String(request, StandardCharsets.UTF_8);
                    received.add(text);
                    if (text.equals("fail")) {
                        Metadata trailers = new Metadata();
                        trailers.put(DETAIL, "from " + name);
                        response.onError(Status.INVALID_ARGUMENT.withDescription("bad tensor in " + name)
                                .asRuntimeException(trailers));
                        return;
                    }
                    response.onNext(answer != null ? answer : (name + ":" + text).getBytes(StandardCharsets.UTF_8));
                    response.onCompleted();
                })).build();
        server = NettyServerBuilder.forPort(0).addService(service).build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
