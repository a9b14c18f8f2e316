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

/** A real store that also records the counter keys it is asked for (to check what would be persisted). */
final class KeyRecordingStore implements TokenStore {
    final List<String> keys = new CopyOnWriteArrayList<>();
    private final TokenStore delegate;

    KeyRecordingStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public long incrementCounter(String key, Instant windowEnd, Instant now) {
        keys.add(key);
        return delegate.incrementCounter(key, windowEnd, now);
    }

    @Override
    public void save(StoredToken token) {
        delegate.save(token);
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return delegate.find(tokenHash);
    }

    @Override
    public ConsumeResult consume(String tokenHash, Instant now) {
        return delegate.consume(tokenHash, now);
    }

    @Override
    public ConsumeResult recordUse(String tokenHash, Instant now) {
        return delegate.recordUse(tokenHash, now);
    }

    @Override
    public boolean delete(String tokenHash) {
        return delegate.delete(tokenHash);
    }

    @Override
    public void saveLoginRequest(LoginRequest request) {
        delegate.saveLoginRequest(request);
    }

    @Override
    public Optional<LoginRequest> findLoginRequest(String requestHash) {
        return delegate.findLoginRequest(requestHash);
    }

    @Override
    public Optional<LoginRequest> findLoginRequestByToken(String tokenHash) {
        return delegate.findLoginRequestByToken(tokenHash);
    }

    @Override
    public boolean transitionLoginRequest(String requestHash, LoginRequestState expected, LoginRequestState next,
                                          Instant now) {
        return delegate.transitionLoginRequest(requestHash, expected, next, now);
    }

    @Override
    public int recordFailedCode(String requestHash, int maxAttempts, Instant now) {
        return delegate.recordFailedCode(requestHash, maxAttempts, now);
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return delegate.purgeExpired(now, limit);
    }
}
