package dev.factory.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A buildx builder as {@code docker buildx inspect} describes it: its driver and its nodes. Bake adapts to it: the
 * engine's own builder (driver {@code docker}) needs the containerd image store for cache export, the others have
 * a store of their own; a remote node that is down fails the targets of its platforms at once instead of stalling
 * the whole graph.
 *
 * @param name the builder's name ({@code default} for the engine's own)
 * @param driver {@code docker}, {@code docker-container}, {@code remote}, {@code kubernetes}, ...
 */
public record BuilderInfo(String name, String driver, List<Node> nodes) {

    /**
     * One node of the builder.
     *
     * @param status {@code running}, {@code inactive}, {@code stopped}, {@code error}, ...
     * @param buildkitVersion such as {@code v0.32.2}; null when the node did not answer
     * @param platforms the platforms it was created for ({@code --platform}, marked {@code *} by buildx), else all it reports
     * @param supported every platform it reports (emulated ones included)
     */
    public record Node(String name, String endpoint, String status, String buildkitVersion, List<String> platforms,
            boolean platformsChosen, List<String> supported) {
        public boolean running() {
            return "running".equals(status);
        }
    }

    public BuilderInfo {
        nodes = List.copyOf(nodes);
    }

    /** The engine's own builder: images go straight into the engine's store. */
    public boolean engineBuilder() {
        return "docker".equals(driver);
    }

    /** Nodes of a remote builder are not started by buildx: one that is not running stays down. */
    public boolean nodesStartOnDemand() {
        return !"remote".equals(driver);
    }

    /**
     * The node buildx sends a platform's builds to, as buildx chooses it: the first node created for that platform,
     * else the first that supports it (through emulation, for instance); empty when none does.
     */
    public Optional<Node> nodeFor(String platform) {
        for (Node n : nodes) {
            if (n.platformsChosen() && n.platforms().contains(platform)) {
                return Optional.of(n);
            }
        }
        for (Node n : nodes) {
            if (n.supported().contains(platform)) {
                return Optional.of(n);
            }
        }
        // a node that did not answer reports no platforms; with one node only, it takes every build
        return nodes.size() == 1 ? Optional.of(nodes.get(0)) : Optional.empty();
    }

    /** One line for the log: {@code factory-farm (remote: farm-amd64 linux/amd64 running v0.32.2; ...)}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Node n : nodes) {
            parts.add(n.name() + (n.platformsChosen() ? " " + String.join(",", n.platforms()) : "") + " " + n.status()
                    + (n.buildkitVersion() != null && !engineBuilder() ? " BuildKit " + n.buildkitVersion() : ""));
        }
        return name + " (driver " + driver + (parts.isEmpty() ? "" : ": " + String.join("; ", parts)) + ")";
    }

    /**
     * Reads {@code docker buildx inspect}'s text (buildx 0.13 to 0.29 print the same keys). The builder's own block
     * comes first; each {@code Name:} after {@code Nodes:} starts a node.
     */
    static BuilderInfo parse(String text) {
        String name = null;
        String driver = "unknown";
        List<Node> nodes = new ArrayList<>();
        boolean inNodes = false;
        NodeFields node = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.startsWith(" ") || line.isEmpty()) {
                continue; // labels, GC policies, and the blank lines between nodes
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (!inNodes) {
                switch (key) {
                    case "Name" -> name = value;
                    case "Driver" -> driver = value;
                    case "Nodes" -> inNodes = true;
                    default -> {
                    }
                }
                continue;
            }
            switch (key) {
                case "Name" -> {
                    if (node != null) {
                        nodes.add(node.toNode());
                    }
                    node = new NodeFields(value);
                }
                case "Endpoint" -> node = node == null ? null : node.endpoint(value);
                case "Status" -> node = node == null ? null : node.status(value);
                case "BuildKit version", "Buildkit" -> node = node == null ? null : node.version(value);
                case "Platforms" -> node = node == null ? null : node.platforms(value);
                case "Error" -> node = node == null ? null : node.error(value);
                default -> {
                }
            }
        }
        if (node != null) {
            nodes.add(node.toNode());
        }
        return new BuilderInfo(name == null ? "default" : name, driver, nodes);
    }

    /** A node while its lines are read. */
    private static final class NodeFields {
        final String name;
        String endpoint = "";
        String status = "unknown";
        String version;
        List<String> platforms = List.of();
        List<String> supported = List.of();
        boolean chosen;

        NodeFields(String name) {
            this.name = name;
        }

        NodeFields endpoint(String v) {
            endpoint = v;
            return this;
        }

        NodeFields status(String v) {
            status = v;
            return this;
        }

        NodeFields version(String v) {
            version = v.isBlank() ? null : v;
            return this;
        }

        NodeFields error(String v) {
            // buildx prints Error: instead of a status when it could not reach the node at all
            if ("unknown".equals(status)) {
                status = "error";
            }
            return this;
        }

        NodeFields platforms(String v) {
            List<String> all = new ArrayList<>();
            List<String> starred = new ArrayList<>();
            for (String p : v.split(",")) {
                String t = p.trim();
                if (t.isEmpty()) {
                    continue;
                }
                boolean star = t.endsWith("*");
                String platform = star ? t.substring(0, t.length() - 1) : t;
                all.add(platform);
                if (star) {
                    starred.add(platform);
                }
            }
            chosen = !starred.isEmpty();
            platforms = chosen ? starred : all;
            supported = all;
            return this;
        }

        Node toNode() {
            return new Node(name, endpoint, status, version, platforms, chosen, supported);
        }
    }
}
