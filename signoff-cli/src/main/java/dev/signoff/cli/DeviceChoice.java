package dev.signoff.cli;

import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Device ids from the command line (repeated or comma-separated) turned into the catalog's models. */
final class DeviceChoice {
    private DeviceChoice() {}

    /** The models named in {@code ids}, in order, each once; an unknown id is a usage error that lists the known ones. */
    static List<DeviceModel> named(CommandSpec spec, List<String> ids) {
        DeviceCatalog catalog = DeviceCatalog.builtIn();
        Set<DeviceModel> chosen = new LinkedHashSet<>();
        for (String arg : ids) {
            for (String id : arg.split(",")) {
                if (id.isBlank()) continue;
                chosen.add(catalog.find(id.strip()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown device '" + id.strip() + "' (known: " + String.join(", ", catalog.ids()) + ")")));
            }
        }
        return List.copyOf(chosen);
    }
}
