package dev.factory;

/** Something outside the user's input failed: no engine, a tool too old, a registry unreachable, a disk error. */
public class EnvironmentException extends FactoryException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message, null);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
