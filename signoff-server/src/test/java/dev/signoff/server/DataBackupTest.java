package dev.signoff.server;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataBackupTest {
    @TempDir Path dir;

    @Test
    void backupTakenWhileClientsWriteOpensAsAWorkingServer() throws Exception {
        Path backup = dir.resolve("backup");
        String projectId, versionId;
        byte[] original;
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir)) {
            HttpSession owner = server.owner();
            projectId = LibrarySteps.project(owner, "Backup song");
            Path wav = Bounces.wav(dir.resolve("mix.wav"), 6, 3);
            original = Files.readAllBytes(wav);
            versionId = LibrarySteps.upload(owner, projectId, wav, "mix.wav").json().get("id").asText();
            LibrarySteps.settled(owner, projectId);

            // Writes keep coming while the backup runs.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                HttpSession w = server.owner();
                while (!stop.get()) {
                    if (w.post("/api/projects", Map.of("name", "Other " + written.get(), "artist", "")).status() == 201) written.incrementAndGet();
                }
            });
            writer.start();
            while (written.get() < 3) Thread.sleep(20);
            int files = DataBackup.copy(server.server().context().dataDir(), backup);
            stop.set(true);
            writer.join();
            assertThat(files).isGreaterThanOrEqualTo(3);
        }
        assertThat(backup.resolveSibling("backup.partial")).doesNotExist();

        // The copy is a data directory a new server starts on: same project, same audio.
        var config = ServerConfig.builder(new DataDirectory(backup)).analysisWorkers(0).build();
        try (SignoffServer restored = SignoffServer.start(config, java.time.Clock.systemUTC())) {
            HttpSession owner = new HttpSession("http://127.0.0.1:" + restored.port());
            var login = owner.post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            owner.csrf(login.json().get("csrf").asText());
            var project = owner.get("/api/projects/" + projectId).json();
            assertThat(project.get("name").asText()).isEqualTo("Backup song");
            assertThat(project.get("versions").get(0).get("status").asText()).isEqualTo("ready");
            assertThat(owner.get("/api/versions/" + versionId + "/audio").body()).isEqualTo(original);
        }
    }

    @Test
    void refusesAnExistingTargetOrOneInsideTheDataDirectory() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Database.sqlite(data.sqliteFile()).close();
        Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(() -> DataBackup.copy(data, dir.resolve("taken"))).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> DataBackup.copy(data, data.root().resolve("inside"))).hasMessageContaining("inside the data directory");
        DataDirectory empty = new DataDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> DataBackup.copy(empty, dir.resolve("b2"))).hasMessageContaining("no signoff.db");
    }

    @Test
    void theBackupIsAsPrivateAsTheDataDirectory() throws Exception {
        // The database holds share tokens and password hashes: a backup readable by every user of
        // the machine gives them away.
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Database.sqlite(data.sqliteFile()).close();
        Path backup = dir.resolve("backup");
        DataBackup.copy(data, backup);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("signoff.db")))).isEqualTo("rw-------");
        for (String sub : new String[]{"audio", "waveforms", "uploads"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(sub)))).as(sub).isEqualTo("rwx------");
        }
    }
}
