package io.etwcorr.jobs.lineage;

/** One process of a lineage and how it is linked to the one before it. */
record LineageLink(ProcessEntry process, Edge edge) {
}
