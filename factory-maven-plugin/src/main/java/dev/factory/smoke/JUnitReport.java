package dev.factory.smoke;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Surefire-compatible JUnit XML (the shape of {@code TEST-*.xml} that Jenkins, GitLab, Azure DevOps and
 * the GitHub test-report actions read): one {@code <testsuite>} per build x platform named
 * {@code factory.<build>.<os>-<arch>}, one {@code <testcase>} per test with that name as its class,
 * {@code <failure>} (the image does not meet the test) or {@code <error>} (the test could not run) with
 * expected vs actual, and the test's evidence in {@code <system-out>}.
 */
public final class JUnitReport {
    private static final String XSD = "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd";

    private JUnitReport() {}

    /** One suite as a file of its own, as Surefire and Failsafe write them. */
    public static byte[] suite(PlatformResult p, Map<String, String> properties) {
        return write(w -> writeSuite(w, p, properties, true));
    }

    /** All platforms of a build under a {@code <testsuites>} root: {@code builds/<build>/smoke-report.xml}. */
    public static byte[] suites(String build, List<PlatformResult> platforms,
            Map<String, Map<String, String>> properties) {
        return write(w -> {
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "factory." + build);
            w.writeAttribute("tests", String.valueOf(platforms.stream().mapToInt(PlatformResult::total).sum()));
            w.writeAttribute("failures", String.valueOf(platforms.stream().mapToInt(PlatformResult::failures).sum()));
            w.writeAttribute("errors", String.valueOf(platforms.stream().mapToInt(PlatformResult::errors).sum()));
            w.writeAttribute("skipped", String.valueOf(platforms.stream().mapToInt(PlatformResult::skipped).sum()));
            w.writeAttribute("time", Durations.seconds(platforms.stream().map(PlatformResult::duration)
                    .reduce(java.time.Duration.ZERO, java.time.Duration::plus)));
            for (PlatformResult p : platforms) {
                newline(w, 1);
                writeSuite(w, p, properties.getOrDefault(p.platform(), Map.of()), false);
            }
            newline(w, 0);
            w.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            body.write(w);
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to memory cannot fail: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void writeSuite(XMLStreamWriter w, PlatformResult p, Map<String, String> properties, boolean root)
            throws XMLStreamException {
        int depth = root ? 0 : 1;
        w.writeStartElement("testsuite");
        if (root) {
            w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "noNamespaceSchemaLocation", XSD);
            w.writeAttribute("version", "3.0");
        }
        w.writeAttribute("name", p.suiteName());
        w.writeAttribute("time", Durations.seconds(p.duration()));
        w.writeAttribute("tests", String.valueOf(p.total()));
        w.writeAttribute("errors", String.valueOf(p.errors()));
        w.writeAttribute("skipped", String.valueOf(p.skipped()));
        w.writeAttribute("failures", String.valueOf(p.failures()));
        newline(w, depth + 1);
        w.writeStartElement("properties");
        for (Map.Entry<String, String> e : properties.entrySet()) {
            newline(w, depth + 2);
            w.writeEmptyElement("property");
            w.writeAttribute("name", e.getKey());
            w.writeAttribute("value", clean(e.getValue() == null ? "" : e.getValue()));
        }
        newline(w, depth + 1);
        w.writeEndElement();
        if (p.problem() != null) {
            newline(w, depth + 1);
            w.writeStartElement("testcase");
            w.writeAttribute("name", "image");
            w.writeAttribute("classname", p.suiteName());
            w.writeAttribute("time", "0.000");
            newline(w, depth + 2);
            w.writeStartElement("error");
            w.writeAttribute("message", clean(p.problem()));
            w.writeAttribute("type", "image");
            w.writeCharacters(clean(p.problem()));
            w.writeEndElement();
            newline(w, depth + 1);
            w.writeEndElement();
        }
        for (CaseResult c : p.cases()) {
            newline(w, depth + 1);
            w.writeStartElement("testcase");
            w.writeAttribute("name", clean(c.name()));
            w.writeAttribute("classname", p.suiteName());
            w.writeAttribute("time", Durations.seconds(c.duration()));
            switch (c.status()) {
                case FAILED :
                case ERROR :
                    newline(w, depth + 2);
                    w.writeStartElement(c.status() == CaseResult.Status.FAILED ? "failure" : "error");
                    w.writeAttribute("message", clean(c.message()));
                    w.writeAttribute("type", c.kind());
                    w.writeCharacters(clean(c.detail()));
                    w.writeEndElement();
                    break;
                case SKIPPED :
                    newline(w, depth + 2);
                    w.writeEmptyElement("skipped");
                    w.writeAttribute("message", clean(c.message()));
                    break;
                default :
                    break;
            }
            newline(w, depth + 2);
            w.writeStartElement("system-out");
            w.writeCharacters(clean(EvidenceLog.formatCase(c, p.digest())));
            w.writeEndElement();
            newline(w, depth + 1);
            w.writeEndElement();
        }
        newline(w, depth);
        w.writeEndElement();
    }

    private static void newline(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Drops characters XML 1.0 cannot carry (control characters from binary output). */
    static String clean(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            s.appendCodePoint(ok ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return s.toString();
    }
}
