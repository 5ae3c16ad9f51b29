package io.mtapi.harness.api;

/**
 * Told about every resource a client created, so the fixture that owns the
 * tenant can delete or deactivate it when its scope ends.
 */
public interface ResourceTracker {

    void userCreated(String userId);

    void fileUploaded(String fileId);

    void fileDeleted(String fileId);

    /** A user was deactivated (204 on DELETE) by a test: clean-up need not, and may no longer be able to. */
    default void userDeactivated(String userId) {
    }

    /**
     * Takes under clean-up a user found on the target after the answer to its creation was lost.
     * False if the tracker already held it: then it existed before (a creation whose answer arrived),
     * and the lost call did not create it. Atomic, so two recoveries never adopt the same user.
     */
    default boolean adoptUser(String userId) {
        userCreated(userId);
        return true;
    }

    /** As {@link #adoptUser(String)}, for a file found after the answer to its upload was lost. */
    default boolean adoptFile(String fileId) {
        fileUploaded(fileId);
        return true;
    }

    /** Whether a file this tracker's clients uploaded is still there as far as their answers said. */
    default boolean holdsFile(String fileId) {
        return false;
    }

    /** For clients whose creations nobody cleans up (probes that are expected to be rejected). */
    ResourceTracker NONE = new ResourceTracker() {
        @Override
        public void userCreated(String userId) {
        }

        @Override
        public void fileUploaded(String fileId) {
        }

        @Override
        public void fileDeleted(String fileId) {
        }
    };
}
