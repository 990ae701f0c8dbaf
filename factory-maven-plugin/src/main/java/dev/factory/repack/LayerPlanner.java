package dev.factory.repack;

import dev.factory.BadInputException;
import dev.factory.oci.FsEntry;
import dev.factory.oci.TarEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which entry of the final filesystem goes into which new layer:
 * <ul>
 *   <li>layer 1: every directory, symlink and special file, and every file of at most 4 KiB;</li>
 *   <li>files with the same content (and all hard links of a file) stay together in one layer, so zstd
 *       compresses the copies against each other and a link always finds its target;</li>
 *   <li>the other content groups, in path order, go first-fit into layers whose estimated compressed
 *       size stays within the target. The estimate of a content is its size compressed alone with
 *       fast zstd plus a tar header per path: usually above what the layer's stronger, whole-stream
 *       compression gives, so layers come out at or under the target. A group larger than the
 *       target gets a layer of its own.</li>
 * </ul>
 * Inside a layer entries are sorted by path, so parents come before children; of a set of hard links
 * the smallest path is written as the file and the others link to it.
 */
final class LayerPlanner {
    private static final long HEADER = 512;

    /** An entry of the final filesystem; {@code sha256} and {@code spooledSize} for files. */
    record Node(TarEntry entry, String sha256, long spooledSize) {}

    /** One new layer: its entries in write order, and the estimate it was planned with. */
    record PlannedLayer(List<Node> entries, long estimatedSize) {}

    private LayerPlanner() {}

    /** @param what names the image in errors */
    static List<PlannedLayer> plan(List<Node> nodes, long targetSize, String what) {
        Map<String, Node> files = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        List<Node> first = new ArrayList<>();
        for (Node n : nodes) {
            switch (n.entry().type()) {
                case FILE -> files.put(n.entry().path(), n);
                case HARDLINK -> links.put(n.entry().path(), n.entry().linkTarget());
                default -> first.add(n);
            }
        }
        // inode groups: the file a set of links resolves to, with all its paths
        Map<String, TreeSet<String>> inodes = new HashMap<>();
        for (String path : files.keySet()) {
            inodes.put(path, new TreeSet<>(List.of(path)));
        }
        for (String link : links.keySet()) {
            String root = links.get(link);
            for (int hops = 0; links.containsKey(root) && hops < 64; hops++) {
                root = links.get(root);
            }
            TreeSet<String> group = inodes.get(root);
            if (group == null) {
                throw new BadInputException(
                        what + " has a hard link " + link + " to " + links.get(link) + ", which is not a "
                                + "file of the image: the image is inconsistent. Rebuild it, then repack again.");
            }
            group.add(link);
        }
        // content groups, keyed by content, each a list of inode groups written as file + links
        Map<String, List<Node>> byContent = new HashMap<>();
        Map<String, Long> estimates = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (Map.Entry<String, TreeSet<String>> inode : inodes.entrySet()) {
            Node file = files.get(inode.getKey());
            String primary = inode.getValue().first();
            List<Node> group = byContent.computeIfAbsent(file.sha256(), k -> new ArrayList<>());
            group.add(new Node(file.entry().asFile(primary), file.sha256(), file.spooledSize()));
            for (String other : inode.getValue().tailSet(primary, false)) {
                group.add(new Node(file.entry().asHardlink(other, primary), null, 0));
            }
            estimates.merge(file.sha256(), file.spooledSize() + HEADER * inode.getValue().size(), Long::sum);
            sizes.put(file.sha256(), file.entry().size());
        }
        long firstEstimate = HEADER * first.size();
        TreeMap<String, String> largeByFirstPath = new TreeMap<>();
        for (Map.Entry<String, List<Node>> g : byContent.entrySet()) {
            if (sizes.get(g.getKey()) <= RepackOptions.SMALL_FILE) {
                first.addAll(g.getValue());
                firstEstimate += estimates.get(g.getKey());
            } else {
                String firstPath = g.getValue().stream().map(n -> n.entry().path()).min(Comparator.naturalOrder())
                        .orElseThrow();
                largeByFirstPath.put(firstPath, g.getKey());
            }
        }
        List<List<Node>> bins = new ArrayList<>();
        List<Long> binEstimates = new ArrayList<>();
        for (String sha : largeByFirstPath.values()) {
            long estimate = estimates.get(sha);
            int chosen = -1;
            for (int i = 0; i < bins.size(); i++) {
                if (binEstimates.get(i) + estimate <= targetSize) {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0) {
                bins.add(new ArrayList<>());
                binEstimates.add(0L);
                chosen = bins.size() - 1;
            }
            bins.get(chosen).addAll(byContent.get(sha));
            binEstimates.set(chosen, binEstimates.get(chosen) + estimate);
        }
        List<PlannedLayer> layers = new ArrayList<>();
        layers.add(new PlannedLayer(sorted(first), firstEstimate));
        for (int i = 0; i < bins.size(); i++) {
            layers.add(new PlannedLayer(sorted(bins.get(i)), binEstimates.get(i)));
        }
        return layers;
    }

    private static List<Node> sorted(List<Node> nodes) {
        List<Node> out = new ArrayList<>(nodes);
        out.sort(Comparator.comparing(n -> n.entry().path()));
        return out;
    }

    static boolean isFile(Node n) {
        return n.entry().type() == FsEntry.Type.FILE;
    }
}
