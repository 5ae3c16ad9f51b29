package io.mtapi.harness.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users and files a tenant's clients created, as their answers (or a recovery's
 * adoption) said: what clean-up undoes. Adopting what is already held is refused, so a
 * recovery never takes an earlier creation for the effect of a lost call.
 */
public class TrackedResources implements ResourceTracker {

    protected final Set<String> users = ConcurrentHashMap.newKeySet();
    protected final Set<String> files = ConcurrentHashMap.newKeySet();

    @Override
    public void userCreated(String userId) {
        users.add(userId);
    }

    @Override
    public void fileUploaded(String fileId) {
        files.add(fileId);
    }

    @Override
    public void fileDeleted(String fileId) {
        files.remove(fileId);
    }

    @Override
    public boolean adoptUser(String userId) {
        return users.add(userId);
    }

    @Override
    public boolean adoptFile(String fileId) {
        return files.add(fileId);
    }

    @Override
    public boolean holdsFile(String fileId) {
        return files.contains(fileId);
    }
}
