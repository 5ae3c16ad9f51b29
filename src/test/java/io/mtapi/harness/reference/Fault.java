package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it. Empty until the fault catalogue is written.
 */
public enum Fault {
    ;

    private final String tag;
    private final String description;

    Fault(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    /** The JUnit tag of the suite that must fail when this fault is on. */
    public String tag() {
        return tag;
    }

    /** One line: what is wrong in the target when this fault is on. */
    public String description() {
        return description;
    }
}
