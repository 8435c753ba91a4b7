package dev.signoff.server.access;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.auth.ClientAddress;
import dev.signoff.server.sharing.SharingMessage;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ProjectTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pieces: the data directory's boundaries, the client address, the drafted message. */
class AccessUnitsTest {
    @TempDir Path dir;

    @Test
    void storedPathsResolveOnlyInsideTheFileAreasNeverToTheDatabase() {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        assertThat(data.resolve("audio/p/v.wav")).isEqualTo(data.audio().resolve("p/v.wav"));
        assertThat(data.resolve("waveforms/v.peaks")).startsWithRaw(data.waveforms());
        for (String bad : new String[]{"signoff.db", "signoff.db-wal", "audio/../signoff.db", "../outside", "audio/../../outside",
                "/etc/passwd", "audio", "audio/", "", ".", "waveforms/../uploads/../signoff.db", data.sqliteFile().toString()})
            assertThatThrownBy(() -> data.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewDataDirectoryIsPrivateAndAnUnusableOneSaysWhyInOneLine() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("fresh/data"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> new DataDirectory(file)).hasMessage("data directory: " + file + " is not a directory");
        assertThatThrownBy(() -> new DataDirectory(file.resolve("data"))).hasMessageStartingWith("data directory: cannot write to " + file.resolve("data"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void clientAddressesAreCountedPerIpv4AddressAndPerIpv6Network() {
        assertThat(ClientAddress.normalise("192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(ClientAddress.normalise("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.normalise("[2001:db8:1:2:ffff:1:2:3]"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.normalise("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void theDraftedMessageIsShortFriendlyAndLeavesThePasswordOut() {
        var person = SharingMessage.draft(new SharingMessage.Draft(new ProjectTitle("Night Drive", ""), "Ana", Audience.PERSON,
                "http://192.168.1.20:8080/s/abc", false, null, false, ZoneId.of("UTC")));
        assertThat(person).isEqualTo("""
                Hi Ana,

                The mix of \u201cNight Drive\u201d is ready for you to hear:
                http://192.168.1.20:8080/s/abc

                No rush: take your time, and listen on the systems you normally use (phone, earbuds, car, speakers at home), ideally on more than one day.

                Looking forward to hearing what you think!""");
        var band = SharingMessage.draft(new SharingMessage.Draft(new ProjectTitle("Night Drive", "The Reds"), "The Reds", Audience.BAND,
                null, true, 1_900_000_000_000L, true, ZoneId.of("Pacific/Auckland")));
        assertThat(band).contains("\u201cNight Drive\u201d (The Reds) is ready for you all").contains(SharingMessage.LINK_PLACEHOLDER)
                .contains("Each of you can leave notes").contains("compare notes with each other and send me one list")
                .contains("The link works until Monday 18 March. I'll send you the password in a separate message.");
    }
}
