package dev.signoff.server;

import dev.signoff.server.notify.MailSettings;
import dev.signoff.server.notify.SmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @TempDir Path dir;

    @Test
    void aBuiltConfigurationStartsFromSafeDefaults() {
        var data = new DataDirectory(dir);
        assertThat(ServerConfig.builder(data).build())
                .isEqualTo(new ServerConfig(data, null, "127.0.0.1", 0, ServerConfig.DEFAULT_MAX_UPLOAD, 1, false, null, List.of(), null));
    }

    @Test
    void everyValueSetIsKeptAndToBuilderChangesOnlyWhatIsSet() {
        var data = new DataDirectory(dir);
        var mail = new MailSettings(SmtpServer.parse("smtp://mail.example.com:2525"), "me@example.com", null);
        ServerConfig all = ServerConfig.builder(data).databaseUrl("jdbc:postgresql://db/signoff").host("0.0.0.0")
                .port(8080).maxUploadBytes(1 << 20).analysisWorkers(3).trustProxy(true).publicUrl("https://Mixes.Example.com/")
                .allowedHosts(List.of("studio.lan")).mail(mail).build();
        assertThat(all).isEqualTo(new ServerConfig(data, "jdbc:postgresql://db/signoff", "0.0.0.0", 8080, 1 << 20, 3,
                true, "https://mixes.example.com", List.of("studio.lan"), mail));
        ServerConfig serveOnly = all.toBuilder().analysisWorkers(0).build();
        assertThat(serveOnly.analysisWorkers()).isZero();
        assertThat(serveOnly.toBuilder().analysisWorkers(3).build()).isEqualTo(all);
    }

    @Test
    void aBuiltConfigurationIsCheckedLikeAnyOther() {
        var builder = ServerConfig.builder(new DataDirectory(dir));
        assertThatThrownBy(() -> builder.port(70000).build()).hasMessage("port must be 0-65535");
        assertThatThrownBy(() -> builder.port(0).analysisWorkers(-1).build()).hasMessage("analysis workers must be 0 or more");
    }
}
