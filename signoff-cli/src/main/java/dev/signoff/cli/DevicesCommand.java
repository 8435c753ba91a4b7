package dev.signoff.cli;

import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `signoff devices`: the playback devices `translate` can render through, with their sources. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        header = "List the playback-device models a mix can be rendered through.",
        description = {"List the playback-device models that 'signoff translate' renders a mix through,",
                "with where each response curve comes from and who measured it."})
final class DevicesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    static final String CREDITS = "Measurements by oratory1990, Rtings.com, AudioScienceReview (Klippel NFS) and Erin's Audio Corner (Klippel NFS),\n"
            + "collected by AutoEq (Jaakko Pasanen) and spinorama (Pierre Aubert). Derived curves cite their sources in docs/devices.md.";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Playback devices for 'signoff translate MIX --device ID' (responses relative to a neutral reference):");
        out.println();
        for (DeviceModel m : DeviceCatalog.builtIn().models()) {
            out.printf("%-12s %s  (%s)%n", m.id(), m.name(), m.mono() ? "mono" : "stereo");
            out.printf("%-12s %s%n", "", m.description());
            out.printf("%-12s limiter: %s%n", "", m.hasLimiter() ? m.limiter().describe() : "none");
            out.printf("%-12s source: %s%n", "", m.source());
            out.println();
        }
        out.println(CREDITS);
        out.flush();
        return Main.OK;
    }
}
