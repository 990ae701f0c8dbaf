package dev.factory.stitch;

import dev.factory.BadInputException;
import dev.factory.io.Text;
import dev.factory.manifest.ControlCharacters;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * Velocity in strict mode: a reference to anything undefined is an error that names the template file,
 * line and column. Templates are parsed once and cached, as stitch renders the same fragment for
 * many variants.
 *
 * <p>Every value a template inserts passes a guard: a value holding a line break (or any other control
 * character but TAB) is refused, naming the reference and where it is written, since in a Dockerfile a
 * line break starts a new instruction. Only text Factory vouches for ({@link TrustedText}: a rendered
 * fragment placed by a template, a {@code $heredoc} block) may span lines. Templates also see the
 * quoting helpers of {@link Quoting} as {@code $sh}, {@code $dockerfile}, {@code $json} and {@code $heredoc}.
 */
public final class Renderer {
    private final RuntimeInstance velocity = new RuntimeInstance();
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public Renderer() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        // Factory reports rendering problems itself, with file:line:column; Velocity's own log lines would repeat them
        p.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
        p.put(RuntimeConstants.RUNTIME_LOG_INSTANCE, org.slf4j.helpers.NOPLogger.NOP_LOGGER);
        // templates come from strings; #include/#parse have nothing to read, so output depends on inputs only
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "string");
        p.setProperty("resource.loader.string.class",
                "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        velocity.init(p);
    }

    /**
     * @param file the display path of the template, used in errors and as the cache key
     */
    public String render(String file, String text, Map<String, Object> context) {
        Template template = parsed.computeIfAbsent(file + "\0" + text, k -> parse(file, text));
        StringWriter out = new StringWriter();
        Map<String, Object> values = new java.util.HashMap<>(HELPERS);
        values.putAll(context);
        VelocityContext velocityContext = new VelocityContext(values);
        EventCartridge guard = new EventCartridge();
        guard.addEventHandler(
                (ReferenceInsertionEventHandler) (ctx, reference, value) -> checked(file, text, reference, value));
        // with a cartridge attached, Velocity hands a method's exception to its handlers and renders null if none
        // rethrows it: this one does, with the call's position for a helper's own complaint
        guard.addEventHandler((MethodExceptionEventHandler) (ctx, type, method, e, info) -> {
            if (e instanceof BadInputException bad) {
                throw new BadInputException(position(info.getTemplateName(), info.getLine(), info.getColumn()) + ": "
                        + bad.getMessage(), bad);
            }
            throw new BadInputException(
                    position(info.getTemplateName(), info.getLine(), info.getColumn()) + ": cannot render: "
                            + "calling " + method + " threw " + e + ". Fix the call in the template.",
                    e);
        });
        guard.attachToContext(velocityContext);
        try {
            template.merge(velocityContext, out);
        } catch (VelocityException e) {
            BadInputException bad = badInput(e);
            if (bad == null) {
                throw renderError(file, e);
            }
            throw bad;
        }
        return out.toString();
    }

    /** A {@link BadInputException} thrown by the guard or a helper, wherever Velocity wrapped it. */
    private static BadInputException badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
        }
        return null;
    }

    /** The helpers of {@link Quoting}, under the names templates use. */
    private static final Map<String, Object> HELPERS = Map.of("sh", new Quoting.Sh(), "dockerfile",
            new Quoting.Dockerfile(),
            "json", new Quoting.JsonString(), "heredoc", new Quoting.Heredoc());

    /** The insertion guard: a value may not break the line it is placed on, unless it is text Factory vouches for. */
    private static Object checked(String file, String text, String reference, Object value) {
        if (value == null || value instanceof TrustedText) {
            return value;
        }
        String s = value.toString();
        int bad = ControlCharacters.find(s, false);
        if (bad < 0) {
            return value;
        }
        throw new BadInputException(where(file, text, reference) + ": " + reference + " inserts a value that "
                + ControlCharacters.holds(s, bad) + "; a line break there would end the line and start a new one (in a "
                + "Dockerfile, a new instruction). Keep the value on one line, quote it onto one line with $json.quote(...), "
                + "or place a multi-line value as a file with $heredoc.copy(value, \"/path/in/image\") (see docs/fragments.md).");
    }

    /** Where a reference is written: its first occurrence that is not the prefix of a longer reference. */
    static String where(String file, String text, String reference) {
        int from = 0;
        while (true) {
            int i = text.indexOf(reference, from);
            if (i < 0) {
                return file;
            }
            int end = i + reference.length();
            char next = end < text.length() ? text.charAt(end) : '\n';
            if (!(Character.isLetterOrDigit(next) || next == '_' || next == '.' || next == '(')) {
                int line = 1;
                int lineStart = 0;
                for (int k = 0; k < i; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                return position(file, line, i - lineStart + 1);
            }
            from = i + 1;
        }
    }

    private Template parse(String file, String text) {
        Template t = new Template();
        t.setName(file);
        t.setRuntimeServices(velocity);
        try {
            t.setData(velocity.parse(new StringReader(text), t));
            t.initDocument();
        } catch (ParseException e) {
            int line = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next.beginLine : 0;
            int col = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next.beginColumn : 0;
            throw new BadInputException(
                    position(file, line, col) + ": Velocity syntax error: " + Text.firstLine(e.getMessage())
                            + ". Fix the directive at that position (see docs/fragments.md).",
                    e);
        } catch (ParseErrorException e) {
            throw new BadInputException(position(file, e.getLineNumber(), e.getColumnNumber())
                    + ": Velocity syntax error: "
                    + Text.firstLine(e.getMessage()) + ". Fix the directive at that position (see docs/fragments.md).",
                    e);
        } catch (TemplateInitException e) {
            throw new BadInputException(
                    position(file, e.getLineNumber(), e.getColumnNumber()) + ": " + Text.firstLine(e.getMessage()), e);
        }
        return t;
    }

    private static final java.util.regex.Pattern AT = java.util.regex.Pattern
            .compile("at (.+)\\[line (\\d+), column (\\d+)\\]");
    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("\\$\\{?!?([A-Za-z][\\w.]*)");

    /** Velocity's strict-mode messages carry the position as "at NAME[line L, column C]"; turn that into file:line:col. */
    private static BadInputException renderError(String file, VelocityException e) {
        String msg = Text.firstLine(e.getMessage());
        java.util.regex.Matcher at = AT.matcher(msg);
        String where = at.find() ? position(at.group(1), Integer.parseInt(at.group(2)), Integer.parseInt(at.group(3)))
                : file;
        java.util.regex.Matcher ref = REF.matcher(msg);
        boolean undefined = msg.contains("has not been set") || msg.contains("evaluated to null")
                || msg.contains("is not a valid reference") || msg.contains("cannot be resolved");
        if (undefined && ref.find()) {
            String name = ref.group(1);
            String hint = name.equals(name.toUpperCase(java.util.Locale.ROOT))
                    ? " If it is a shell or Dockerfile variable, write it as #[[$" + name
                            + "]]# so that Velocity leaves it alone."
                    : " To allow a missing value write #if($" + name + ")...#end.";
            return new BadInputException(where + ": undefined reference $" + name
                    + ". Define it (a parameter in fragment.yaml with a default, or a value in the manifest's params) or remove it."
                    + hint, e);
        }
        return new BadInputException(where + ": cannot render: " + msg, e);
    }

    private static String position(String file, int line, int column) {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
