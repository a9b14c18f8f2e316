package dev.haze.store;

/** The store contract for {@link InMemoryTokenStore}. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
        return new InMemoryTokenStore();
    }
}
