package io.mlcycle.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.generator.annotation.Default;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The defaults Java applies (field initialisers) are the ones the API server applies (CRD defaults). */
class DefaultsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyCrdDefaultEqualsTheJavaInitialiserAndViceVersa() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Class<?> type : specTypes()) {
            Object fresh = type.getDeclaredConstructor().newInstance();
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object javaDefault = field.get(fresh);
                Default crdDefault = field.getAnnotation(Default.class);
                String where = type.getSimpleName() + "." + field.getName();
                if (crdDefault == null) {
                    if (javaDefault != null && !(javaDefault instanceof List<?> l && l.isEmpty())) {
                        mismatches.add(where + " has a Java default but no @Default for the API server");
                    }
                } else if (javaDefault == null) {
                    mismatches.add(where + " has @Default(" + crdDefault.value() + ") but no Java default");
                } else if (!crdDefault.value().equals("{}")) {
                    JsonNode expected = json.readTree(quoteIfText(crdDefault.value(), javaDefault));
                    assertThat((JsonNode) json.valueToTree(javaDefault)).as(where).isEqualTo(expected);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void freshSpecsCarryTheDocumentedDefaults() {
        InferenceServiceSpec serving = new InferenceServiceSpec();
        assertThat(serving.getRuntime().getEngine()).isEqualTo(Engine.auto);
        assertThat(serving.getRuntime().getBatching().getMaxBatchSize()).isEqualTo(1);
        assertThat(serving.getRollout().getAutoPromote()).isTrue();
        assertThat(serving.getRollout().getAnalysis().getInterval()).isEqualTo("30s");
        assertThat(serving.getTraffic().getProvider()).isEqualTo(TrafficProvider.router);

        TrainingJobSpec training = new TrainingJobSpec();
        assertThat(training.getWorkers()).isEqualTo(1);
        assertThat(training.getRuntime()).isEqualTo(TrainingRuntime.Job);

        assertThat(new ModelVersionSpec().getApproval()).isEqualTo(Approval.Pending);
        assertThat(new GpuSpec().getResourceName()).isEqualTo("nvidia.com/gpu");

        DriftMonitorSpec drift = new DriftMonitorSpec();
        assertThat(drift.getTests().getNumeric().getMethod()).isEqualTo(NumericDriftMethod.auto);
        assertThat(drift.getTrigger().getDriftShare()).isEqualTo(0.5);
    }

    private static String quoteIfText(String value, Object javaDefault) {
        return javaDefault instanceof String || javaDefault instanceof Enum<?> ? "\"" + value + "\"" : value;
    }

    /** Every concrete class of the API package with a no-argument constructor (custom resources excluded). */
    private static List<Class<?>> specTypes() throws IOException, URISyntaxException {
        Path dir = Path.of(MlcycleApi.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(MlcycleApi.class.getPackageName().replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                try {
                    Class<?> type = Class.forName(MlcycleApi.class.getPackageName() + "." + name);
                    if (!type.isEnum() && !Modifier.isAbstract(type.getModifiers())
                            && Stream.of(type.getDeclaredConstructors()).anyMatch(c -> c.getParameterCount() == 0
                                    && Modifier.isPublic(c.getModifiers()))) {
                        types.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(types).hasSizeGreaterThan(30);
        return types;
    }
}
