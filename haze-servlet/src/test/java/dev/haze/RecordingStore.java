package dev.haze;

import dev.haze.store.ConsumeResult;
import dev.haze.store.LoginRequest;
import dev.haze.store.LoginRequestState;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real store that also records which operations it is asked for, and the counter keys (to check what
 * would be persisted, and that some requests never touch the store).
 */
public final class RecordingStore implements TokenStore {
    /** Counter keys, in order. */
    public final List<String> keys = new CopyOnWriteArrayList<>();
    /** Names of the operations called, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final TokenStore delegate;

    /** @param delegate the real store */
    public RecordingStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public long incrementCounter(String key, Instant windowEnd, Instant now) {
        calls.add("incrementCounter");
        keys.add(key);
        return delegate.incrementCounter(key, windowEnd, now);
    }

    @Override
    public void save(StoredToken token) {
        calls.add("save");
        delegate.save(token);
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        calls.add("find");
        return delegate.find(tokenHash);
    }

    @Override
    public ConsumeResult consume(String tokenHash, Instant now) {
        calls.add("consume");
        return delegate.consume(tokenHash, now);
    }

    @Override
    public ConsumeResult recordUse(String tokenHash, Instant now) {
        calls.add("recordUse");
        return delegate.recordUse(tokenHash, now);
    }

    @Override
    public boolean delete(String tokenHash) {
        calls.add("delete");
        return delegate.delete(tokenHash);
    }

    @Override
    public void saveLoginRequest(LoginRequest request) {
        calls.add("saveLoginRequest");
        delegate.saveLoginRequest(request);
    }

    @Override
    public Optional<LoginRequest> findLoginRequest(String requestHash) {
        calls.add("findLoginRequest");
        return delegate.findLoginRequest(requestHash);
    }

    @Override
    public Optional<LoginRequest> findLoginRequestByToken(String tokenHash) {
        calls.add("findLoginRequestByToken");
        return delegate.findLoginRequestByToken(tokenHash);
    }

    @Override
    public boolean transitionLoginRequest(String requestHash, LoginRequestState expected, LoginRequestState next,
                                          Instant now) {
        calls.add("transitionLoginRequest");
        return delegate.transitionLoginRequest(requestHash, expected, next, now);
    }

    @Override
    public boolean approveLoginRequest(String requestHash, Instant redeemBy, Instant now) {
        calls.add("approveLoginRequest");
        return delegate.approveLoginRequest(requestHash, redeemBy, now);
    }

    @Override
    public int recordFailedCode(String requestHash, int maxAttempts, Instant now) {
        calls.add("recordFailedCode");
        return delegate.recordFailedCode(requestHash, maxAttempts, now);
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        calls.add("purgeExpired");
        return delegate.purgeExpired(now, limit);
    }
}
