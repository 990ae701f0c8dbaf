package dev.factory.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The per-goal skip flags are read as Maven reads a parameter's property: -D, then system, then the POM's. */
class SkipFlagsTest {
    private static Properties of(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aFlagAnywhereSkips() {
        assertTrue(AbstractFactoryMojo.flagSet("factory.bake.skip", of("factory.bake.skip", "true"), of(), of()));
        assertTrue(AbstractFactoryMojo.flagSet("factory.bake.skip", of(), of("factory.bake.skip", "true"), of()));
        assertTrue(AbstractFactoryMojo.flagSet("factory.bake.skip", of(), of(), of("factory.bake.skip", " true ")));
        assertFalse(AbstractFactoryMojo.flagSet("factory.bake.skip", of(), of(), of()));
        assertFalse(AbstractFactoryMojo.flagSet("factory.bake.skip", of("factory.test.skip", "true"), of(), of()));
    }

    @Test
    void theCommandLineWinsOverThePom() {
        assertFalse(AbstractFactoryMojo.flagSet("factory.test.skip", of("factory.test.skip", "false"), of(),
                of("factory.test.skip", "true")));
        assertTrue(AbstractFactoryMojo.flagSet("factory.test.skip", of(), of("factory.test.skip", "true"),
                of("factory.test.skip", "false")));
    }
}
