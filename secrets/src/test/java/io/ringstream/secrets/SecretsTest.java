package io.ringstream.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir Path dir;

    @Test
    void readsTheVariable() {
        assertThat(Secrets.from(Map.of("AMI_SECRET", "s3cret")).required("AMI_SECRET"))
                .isEqualTo("s3cret");
    }

    @Test
    void readsTheFileNamedByTheFileVariableWithoutItsLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("ami"), "from-file\n");
        Secrets secrets = Secrets.from(Map.of("AMI_SECRET_FILE", file.toString()));
        assertThat(secrets.required("AMI_SECRET")).isEqualTo("from-file");
    }

    @Test
    void refusesBothAndNamesNoValue() throws Exception {
        Path file = Files.writeString(dir.resolve("ami"), "from-file");
        Secrets both =
                Secrets.from(Map.of("AMI_SECRET", "visible", "AMI_SECRET_FILE", file.toString()));
        assertThatThrownBy(() -> both.optional("AMI_SECRET"))
                .hasMessageContaining("not both")
                .hasMessageNotContaining("visible");
    }

    @Test
    void missingIsEmptyOrAnErrorThatSaysHowToSetIt() {
        Secrets none = Secrets.from(Map.of());
        assertThat(none.optional("AMI_SECRET")).isEmpty();
        assertThatThrownBy(() -> none.required("AMI_SECRET"))
                .hasMessageContaining("AMI_SECRET_FILE");
    }

    @Test
    void blankIsRefused() {
        assertThatThrownBy(() -> Secrets.from(Map.of("AMI_SECRET", " ")).optional("AMI_SECRET"))
                .hasMessageContaining("empty");
    }

    @Test
    void anUnreadableFileIsAnErrorNamingTheVariable() {
        Secrets secrets =
                Secrets.from(Map.of("AMI_SECRET_FILE", dir.resolve("missing").toString()));
        assertThatThrownBy(() -> secrets.optional("AMI_SECRET"))
                .hasMessageContaining("AMI_SECRET_FILE");
    }
}
