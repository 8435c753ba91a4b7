package dev.signoff.cli;

import dev.signoff.analysis.devices.DeviceCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DevicesCommandTest {

    @Test
    void listsEveryDeviceWithItsSourceAndTheCredits() {
        CliRun run = CliRun.of("devices");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String id : DeviceCatalog.builtIn().ids()) assertThat(run.out()).contains(id + " ");
        assertThat(run.out()).contains("mono", "stereo", "limiter: none", "ceiling -1.0 dBFS",
                "oratory1990", "Rtings.com", "AudioScienceReview", "Erin's Audio Corner", "AutoEq", "Jaakko Pasanen", "spinorama", "Pierre Aubert");
        assertThat(run.err()).isEmpty();
    }
}
