package dev.factory;

/**
 * Base of the core's typed failures. The Maven layer maps {@link BadInputException} to a build failure
 * (the user must change something) and {@link EnvironmentException} to an execution error (a tool or
 * the machine failed). Messages are complete sentences meant for the user, never a bare cause.
 */
public abstract class FactoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected FactoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
