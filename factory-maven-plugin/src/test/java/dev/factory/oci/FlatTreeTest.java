package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlatTreeTest {
    private static FlatTree tree(boolean linkFromB, int modeOfC) {
        FlatTree t = new FlatTree();
        t.add("a", FsEntry.Type.DIRECTORY, 0755, 0, 0, null, null);
        if (linkFromB) {
            t.add("a/b", FsEntry.Type.FILE, 0644, 0, 0, null, "11");
            t.add("a/b2", FsEntry.Type.HARDLINK, 0, 0, 0, "a/b", null);
        } else {
            t.add("a/b2", FsEntry.Type.FILE, 0644, 0, 0, null, "11");
            t.add("a/b", FsEntry.Type.HARDLINK, 0, 0, 0, "a/b2", null);
        }
        t.add("a/c", FsEntry.Type.FILE, modeOfC, 0, 0, null, "22");
        t.add("l", FsEntry.Type.SYMLINK, 0777, 0, 0, "a/c", null);
        return t;
    }

    @Test
    void whichPathOfAHardLinkGroupHoldsTheContentDoesNotMatter() {
        assertEquals(tree(true, 0644).digest(), tree(false, 0644).digest());
        assertEquals(List.of(List.of("a/b", "a/b2")), tree(false, 0644).linkGroups());
    }

    @Test
    void aChangedModeIsADifference() {
        assertNotEquals(tree(true, 0644).digest(), tree(true, 0600).digest());
        assertEquals(List.of("a/c: file 22 644 0:0 vs file 22 600 0:0"),
                tree(true, 0644).differences(tree(true, 0600), 5));
    }
}
