package dev.factory;

/** The user's input (a manifest, plan, fragment, parameter) is wrong; the message says where and how to fix it. */
public class BadInputException extends FactoryException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
