package dev.factory.stitch;

import java.util.List;

/** The builds of one stitch and how many of them had to be (re)written. */
public record StitchResult(List<StitchedBuild> builds, int written, int upToDate) {}
