package dev.factory.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * Turns what was found into CycloneDX 1.6 JSON with the CycloneDX Java library, reproducibly:
 * components sorted (purl, then name), bom-refs from purls, a serial number derived from the image and
 * the components, the timestamp given by the caller, Factory's JSON printer. Every document is
 * validated against the 1.6 schema before it is returned.
 */
public final class CycloneDx {
    public static final Version SPEC = Version.VERSION_16;
    public static final String TOOL_GROUP = "dev.factory";
    public static final String TOOL_NAME = "factory-maven-plugin";

    /** Sorts components the way {@link FoundPackage#ORDER} sorts packages, for syft's output too. */
    static final Comparator<Component> COMPONENT_ORDER = Comparator
            .<Component, String>comparing(Component::getPurl, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Component::getName, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Component::getVersion, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(Component::getBomRef, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    /** A finished SBOM: its bytes and how many components it lists (top level). */
    public record Document(byte[] bytes, int componentCount) {}

    private CycloneDx() {}

    /**
     * The SBOM of a built-in catalog. An invalid result is Factory's own bug, hence an
     * {@link IllegalStateException} with the schema's complaints rather than a user-facing error.
     */
    public static Document fromCatalog(ImageTarget image, Catalog catalog, Instant timestamp, String factoryVersion) {
        Bom bom = new Bom();
        List<Component> components = new ArrayList<>();
        if (catalog.distro() != null && catalog.distro().id() != null) {
            components.add(operatingSystem(catalog.distro()));
        }
        for (FoundPackage p : catalog.packages()) {
            components.add(component(p));
        }
        bom.setComponents(components);
        bom.setMetadata(metadata(image, timestamp, factoryVersion, SbomGenerator.BUILTIN, null));
        return finish(bom, image, errors -> new IllegalStateException("Factory built an SBOM for " + image.describe()
                + " that is not valid CycloneDX " + SPEC.getVersionString() + " (a bug in Factory; please report it): "
                + errors));
    }

    /**
     * syft's CycloneDX output made reproducible and Factory-shaped: metadata.component is the image with
     * its digest, Factory is listed next to syft as a tool, components and dependencies are sorted and
     * the timestamp and serial number are set as for the built-in cataloger.
     */
    public static Document fromSyft(ImageTarget image, byte[] syftJson, Instant timestamp, String factoryVersion) {
        Bom bom;
        try {
            bom = new JsonParser().parse(syftJson);
        } catch (ParseException e) {
            throw new EnvironmentException(
                    "syft's output for " + image.describe() + " is not CycloneDX JSON Factory can read ("
                            + e.getMessage() + "). Update syft, or use factory.sbom.generator=builtin.",
                    e);
        }
        Metadata syftMetadata = bom.getMetadata();
        String oldImageRef = syftMetadata == null || syftMetadata.getComponent() == null ? null
                : syftMetadata.getComponent().getBomRef();
        List<Component> syftTools = new ArrayList<>();
        if (syftMetadata != null && syftMetadata.getToolChoice() != null
                && syftMetadata.getToolChoice().getComponents() != null) {
            syftTools.addAll(syftMetadata.getToolChoice().getComponents());
        }
        Metadata metadata = metadata(image, timestamp, factoryVersion, SbomGenerator.SYFT, syftTools);
        bom.setMetadata(metadata);
        String newImageRef = metadata.getComponent().getBomRef();
        if (bom.getComponents() != null) {
            List<Component> sorted = new ArrayList<>(bom.getComponents());
            sorted.sort(COMPONENT_ORDER);
            bom.setComponents(sorted);
        }
        if (bom.getDependencies() != null) {
            bom.setDependencies(sortDependencies(bom.getDependencies(),
                    ref -> Objects.equals(ref, oldImageRef) ? newImageRef : ref));
        }
        bom.setSerialNumber(null);
        return finish(bom, image, errors -> new EnvironmentException("The SBOM syft wrote for " + image.describe()
                + " is not valid CycloneDX " + SPEC.getVersionString() + " once normalised: " + errors
                + ". Update syft, or use factory.sbom.generator=builtin."));
    }

    private static Document finish(Bom bom, ImageTarget image, Function<String, RuntimeException> invalid) {
        Date timestamp = bom.getMetadata().getTimestamp();
        // the serial number names the content (image + components), not the moment: leave the time out of it
        bom.getMetadata().setTimestamp(null);
        JsonNode draft = new BomJsonGenerator(bom, SPEC).toJsonNode();
        String identity = Objects.toString(image.digest(), image.ref()) + "\n" + Json.compact(draft);
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)));
        bom.getMetadata().setTimestamp(timestamp);
        JsonNode tree = new BomJsonGenerator(bom, SPEC).toJsonNode();
        byte[] bytes = Json.bytes(tree);
        List<String> errors = validate(bytes);
        if (!errors.isEmpty()) {
            throw invalid.apply(errors.stream().limit(5).collect(Collectors.joining("; ")));
        }
        return new Document(bytes, bom.getComponents() == null ? 0 : bom.getComponents().size());
    }

    /**
     * The schema errors of a CycloneDX 1.6 JSON document (empty when valid), checked with the library's
     * own 1.6 schema (JsonParser.validate would compile it again for every document; the compiled
     * schema is thread-safe and costs more than validating an SBOM, so it is kept). Schema comes from
     * json-schema-validator, which cyclonedx-core-java brings and whose version it chooses.
     */
    public static List<String> validate(byte[] json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            // bytes in memory: the only failure is that they are not JSON, which is one more schema error
            return List.of("not JSON: " + e.getMessage());
        }
        return schema().validate(node).stream().map(com.networknt.schema.Error::toString).toList();
    }

    private static volatile Schema schema;

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            synchronized (CycloneDx.class) {
                if (schema == null) {
                    dev.factory.io.Schemas.quietValidatorLogs();
                    try {
                        schema = new JsonParser().getJsonSchema(SPEC, Json.mapper());
                    } catch (IOException e) {
                        throw new EnvironmentException("The CycloneDX " + SPEC.getVersionString() + " schema in the "
                                + "cyclonedx-core-java jar cannot be read (" + e.getMessage()
                                + "): a jar of Factory's in your "
                                + "Maven repository is damaged. Delete ~/.m2/repository/org/cyclonedx and run again.",
                                e);
                    }
                }
                s = schema;
            }
        }
        return s;
    }

    private static Metadata metadata(ImageTarget image, Instant timestamp, String factoryVersion,
            SbomGenerator generator,
            List<Component> otherTools) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(timestamp));
        ToolInformation tools = new ToolInformation();
        List<Component> toolComponents = new ArrayList<>();
        Component factory = new Component();
        factory.setType(Component.Type.APPLICATION);
        factory.setGroup(TOOL_GROUP);
        factory.setName(TOOL_NAME);
        factory.setVersion(factoryVersion);
        toolComponents.add(factory);
        if (otherTools != null) {
            toolComponents.addAll(otherTools);
        }
        tools.setComponents(toolComponents);
        metadata.setToolChoice(tools);
        metadata.setComponent(imageComponent(image));
        metadata.setProperties(List.of(new Property(SbomProperties.GENERATOR, generator.id())));
        return metadata;
    }

    /** metadata.component: the image, type container, its digest as version, hash and purl. */
    static Component imageComponent(ImageTarget image) {
        Component c = new Component();
        c.setType(Component.Type.CONTAINER);
        c.setName(image.image());
        String purl = null;
        if (image.digest() != null && !image.digest().isBlank()) {
            c.setVersion(image.digest());
            int colon = image.digest().indexOf(':');
            if (image.digest().startsWith("sha256:")) {
                c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, image.digest().substring(colon + 1))));
            }
            String name = image.image().substring(image.image().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            Map<String, String> qualifiers = new TreeMap<>();
            qualifiers.put("repository_url", image.image());
            qualifiers.put("arch", architecture(image.platform()));
            qualifiers.put("tag", image.tag());
            purl = Purls.of("oci", null, name, image.digest(), qualifiers);
            c.setPurl(purl);
        } else {
            c.setVersion(image.tag());
        }
        c.setBomRef(purl != null ? purl : "dev.factory:image/" + image.ref());
        List<Property> properties = new ArrayList<>();
        properties.add(new Property(SbomProperties.BUILD, image.build()));
        properties.add(new Property(SbomProperties.IMAGE_REF, image.ref()));
        if (image.tag() != null) {
            properties.add(new Property(SbomProperties.IMAGE_TAG, image.tag()));
        }
        properties.add(new Property(SbomProperties.PLATFORM, image.platform()));
        c.setProperties(properties);
        return c;
    }

    /** {@code linux/arm64/v8} → {@code arm64}, as the OCI purl's {@code arch} qualifier wants it. */
    static String architecture(String platform) {
        String[] parts = platform == null ? new String[0] : platform.split("/");
        return parts.length >= 2 ? parts[1] : platform;
    }

    private static Component operatingSystem(Distro distro) {
        Component c = new Component();
        c.setType(Component.Type.OPERATING_SYSTEM);
        c.setName(distro.id());
        c.setVersion(distro.version());
        c.setDescription(distro.prettyName());
        c.setBomRef("dev.factory:os/" + distro.id() + (distro.version() == null ? "" : "@" + distro.version()));
        return c;
    }

    static Component component(FoundPackage p) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(p.bomRef());
        c.setGroup(p.group());
        c.setName(p.name());
        c.setVersion(p.version());
        c.setPurl(p.purl());
        c.setCpe(p.cpe());
        if (p.sha256() != null) {
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, p.sha256())));
        }
        if (!p.licenses().isEmpty()) {
            LicenseChoice licenses = new LicenseChoice();
            for (String name : p.licenses()) {
                // as written by the package manager; not every value is an SPDX id, so it goes in "name"
                License l = new License();
                l.setName(name);
                licenses.addLicense(l);
            }
            c.setLicenses(licenses);
        }
        List<Property> properties = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> e : p.properties().entrySet()) {
            for (String value : e.getValue()) {
                properties.add(new Property(e.getKey(), value));
            }
        }
        c.setProperties(properties);
        return c;
    }

    private static List<Dependency> sortDependencies(List<Dependency> dependencies, Function<String, String> rename) {
        List<Dependency> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            Dependency copy = new Dependency(rename.apply(d.getRef()));
            if (d.getDependencies() != null) {
                copy.setDependencies(sortDependencies(d.getDependencies(), rename));
            }
            out.add(copy);
        }
        out.sort(Comparator.comparing(Dependency::getRef, Comparator.nullsLast(Comparator.<String>naturalOrder())));
        return out;
    }
}
