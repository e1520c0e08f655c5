package io.mlcycle.router.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.router.kube.TrafficDocument.MirrorEntry;
import io.mlcycle.router.kube.TrafficDocument.RevisionEntry;
import io.mlcycle.router.kube.TrafficDocumentParser.InvalidTrafficDocument;
import org.junit.jupiter.api.Test;

class TrafficDocumentParserTest {

    static final String CONTRACT = """
            {"revisions":[{"name":"iris-1","service":"iris-1","weight":80},{"name":"iris-2","service":"iris-2","weight":20}],\
            "mirror":{"revision":"iris-2","percent":10}}""";

    private final TrafficDocumentParser parser = new TrafficDocumentParser();

    @Test
    void readsTheOperatorsDocument() {
        TrafficDocument document = parser.parse(CONTRACT);

        assertThat(document.revisions()).containsExactly(new RevisionEntry("iris-1", "iris-1", 80),
                new RevisionEntry("iris-2", "iris-2", 20));
        assertThat(document.mirror()).isEqualTo(new MirrorEntry("iris-2", 10));
    }

    @Test
    void mirrorIsOptionalAndUnknownFieldsAreIgnored() {
        TrafficDocument document = parser.parse("""
                {"revisions":[{"name":"a","service":"svc-a","weight":0,"later":true}],"generation":3}""");

        assertThat(document.revisions()).containsExactly(new RevisionEntry("a", "svc-a", 0));
        assertThat(document.mirror()).isNull();
    }

    @Test
    void refusesWhatItCannotRouteByExactly() {
        assertRefused("{", "not a traffic document");
        assertRefused("[]", "not a traffic document");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":101}]}", "must be 0..100");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":-1}]}", "must be 0..100");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":50.5}]}", "not a traffic document");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\"}]}", "must be 0..100");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"weight\":1}]}", "has no service");
        assertRefused("{\"revisions\":[{\"service\":\"a\",\"weight\":1}]}", "has no name");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":1},"
                + "{\"name\":\"a\",\"service\":\"b\",\"weight\":1}]}", "listed twice");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":1}],"
                + "\"mirror\":{\"revision\":\"b\",\"percent\":10}}", "mirror revision 'b' is not listed");
        assertRefused("{\"revisions\":[{\"name\":\"a\",\"service\":\"a\",\"weight\":1}],"
                + "\"mirror\":{\"revision\":\"a\",\"percent\":200}}", "mirror percent must be 0..100");
    }

    private void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(InvalidTrafficDocument.class)
                .hasMessageContaining(reason);
    }
}
