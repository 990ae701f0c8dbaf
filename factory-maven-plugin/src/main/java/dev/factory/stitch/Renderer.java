package dev.factory.stitch;

import dev.factory.BadInputException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
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
        p.setProperty("resource.loader.string.class", "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        velocity.init(p);
    }

    /**
     * @param file the display path of the template, used in errors and as the cache key
     */
    public String render(String file, String text, Map<String, Object> context) {
        Template template = parsed.computeIfAbsent(file + "\0" + text, k -> parse(file, text));
        StringWriter out = new StringWriter();
        try {
            template.merge(new VelocityContext(new java.util.HashMap<>(context)), out);
        } catch (VelocityException e) {
            throw renderError(file, e);
        }
        return out.toString();
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
            throw new BadInputException(position(file, line, col) + ": Velocity syntax error: " + firstLine(e.getMessage())
                    + ". Fix the directive at that position (see docs/fragments.md).", e);
        } catch (ParseErrorException e) {
            throw new BadInputException(position(file, e.getLineNumber(), e.getColumnNumber()) + ": Velocity syntax error: "
                    + firstLine(e.getMessage()) + ". Fix the directive at that position (see docs/fragments.md).", e);
        } catch (TemplateInitException e) {
            throw new BadInputException(position(file, e.getLineNumber(), e.getColumnNumber()) + ": " + firstLine(e.getMessage()), e);
        }
        return t;
    }

    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("at (.+)\\[line (\\d+), column (\\d+)\\]");
    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("\\$\\{?!?([A-Za-z][\\w.]*)");

    /** Velocity's strict-mode messages carry the position as "at NAME[line L, column C]"; turn that into file:line:col. */
    private static BadInputException renderError(String file, VelocityException e) {
        String msg = firstLine(e.getMessage());
        java.util.regex.Matcher at = AT.matcher(msg);
        String where = at.find() ? position(at.group(1), Integer.parseInt(at.group(2)), Integer.parseInt(at.group(3))) : file;
        java.util.regex.Matcher ref = REF.matcher(msg);
        boolean undefined = msg.contains("has not been set") || msg.contains("evaluated to null")
                || msg.contains("is not a valid reference") || msg.contains("cannot be resolved");
        if (undefined && ref.find()) {
            String name = ref.group(1);
            String hint = name.equals(name.toUpperCase(java.util.Locale.ROOT))
                    ? " If it is a shell or Dockerfile variable, write it as #[[$" + name + "]]# so that Velocity leaves it alone."
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl > 0 ? s.substring(0, nl) : s).trim();
    }
}
