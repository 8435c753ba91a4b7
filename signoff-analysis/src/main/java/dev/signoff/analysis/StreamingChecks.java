package dev.signoff.analysis;

import dev.signoff.analysis.codecs.Codec;

import java.nio.file.Path;
import java.util.List;

/**
 * What a check works out about the way to the listener besides the mix itself.
 *
 * @param platforms       each streaming service's normalisation ({@code --platforms})
 * @param codecs          the lossy encodes to round-trip ({@code --codecs}); empty for none
 * @param codecRenderDir  where to write each decode and its residual, or null
 */
public record StreamingChecks(boolean platforms, List<Codec> codecs, Path codecRenderDir) {
    public static final StreamingChecks NONE = new StreamingChecks(false, List.of(), null);

    public StreamingChecks {
        codecs = List.copyOf(codecs);
    }
}
