package dev.factory.bake;

import dev.factory.BadInputException;

/**
 * Some variants did not build; the others did and their images are recorded. A build failure comes
 * from what the user wrote (a fragment, a parameter, a base), so it fails the build rather than
 * reporting a broken environment.
 */
public class BuildFailuresException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public BuildFailuresException(String summary) {
        super(summary);
    }
}
