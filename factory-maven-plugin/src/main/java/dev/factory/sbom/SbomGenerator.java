package dev.factory.sbom;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import java.util.Locale;

/** Which tool writes the SBOM: {@code syft} when asked for (or found, under {@code auto}), else the built-in cataloger. */
public enum SbomGenerator {
    AUTO, SYFT, BUILTIN;

    static final String SYFT_INSTALL = "https://github.com/anchore/syft#installation";

    /** Parses the {@code factory.sbom.generator} value; anything else is an input error that lists the choices. */
    public static SbomGenerator parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        for (SbomGenerator g : values()) {
            if (g.name().equalsIgnoreCase(value.trim())) {
                return g;
            }
        }
        throw new BadInputException(
                "factory.sbom.generator is '" + value + "', which is not a generator Factory knows; "
                        + "use auto (syft when it is on the PATH, else the built-in cataloger), syft or builtin.");
    }

    /**
     * The generator that actually runs: {@link #SYFT} or {@link #BUILTIN}. Asking for syft when it is not
     * installed is an environment failure, raised before any image is read.
     */
    public SbomGenerator resolve(boolean syftOnPath) {
        return switch (this) {
            case AUTO -> syftOnPath ? SYFT : BUILTIN;
            case BUILTIN -> BUILTIN;
            case SYFT -> {
                if (!syftOnPath) {
                    throw new EnvironmentException(
                            "syft was requested (factory.sbom.generator=syft) but is not on the PATH; "
                                    + "install it (" + SYFT_INSTALL + ") or use factory.sbom.generator=builtin/auto.");
                }
                yield SYFT;
            }
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
