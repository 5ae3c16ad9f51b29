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
