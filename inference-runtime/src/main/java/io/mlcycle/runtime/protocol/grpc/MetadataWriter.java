package io.mlcycle.runtime.protocol.grpc;

import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataResponse.TensorMetadata;
import io.mlcycle.runtime.protocol.grpc.proto.ServerMetadataResponse;
import io.mlcycle.runtime.serving.ModelMetadata;
import io.mlcycle.runtime.serving.ServerMetadata;
import io.mlcycle.runtime.tensor.TensorSpec;

/** Server and model metadata as their protobuf responses, field for field what {@code GET /v2[/models/m]} returns. */
final class MetadataWriter {

    private MetadataWriter() {
    }

    static ServerMetadataResponse server(ServerMetadata metadata) {
        return ServerMetadataResponse.newBuilder().setName(metadata.name()).setVersion(metadata.version())
                .addAllExtensions(metadata.extensions()).build();
    }

    static ModelMetadataResponse model(ModelMetadata metadata) {
        ModelMetadataResponse.Builder response = ModelMetadataResponse.newBuilder().setName(metadata.name())
                .addAllVersions(metadata.versions()).setPlatform(metadata.platform());
        metadata.signature().inputs().forEach(spec -> response.addInputs(tensor(spec)));
        metadata.signature().outputs().forEach(spec -> response.addOutputs(tensor(spec)));
        return response.build();
    }

    private static TensorMetadata tensor(TensorSpec spec) {
        TensorMetadata.Builder tensor = TensorMetadata.newBuilder().setName(spec.name())
                .setDatatype(spec.datatype().name());
        for (long dim : spec.shape()) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }
}
