package dev.factory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    @Test
    void workflowCommandEscaping() {
        assertEquals("100%25 done%0Anext", WorkflowCommands.data("100% done\nnext"));
        assertEquals("a%3A b%2C c", WorkflowCommands.property("a: b, c"));
    }

    @Test
    void naturalOrder() {
        List<String> values = new ArrayList<>(
                List.of("21", "8", "17", "11", "linux/arm64", "linux/arm/v7", "linux/amd64"));
        values.sort(CompatibilityMatrix.NATURAL);
        assertEquals(List.of("8", "11", "17", "21", "linux/amd64", "linux/arm/v7", "linux/arm64"), values);
    }
}
