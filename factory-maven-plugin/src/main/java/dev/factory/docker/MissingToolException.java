package dev.factory.docker;

import dev.factory.EnvironmentException;

/** A program Factory needs is not on the PATH. */
public class MissingToolException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    public MissingToolException(String tool, Throwable cause) {
        super("'" + tool + "' is not installed or not on the PATH (" + cause.getMessage() + ").", cause);
    }
}
