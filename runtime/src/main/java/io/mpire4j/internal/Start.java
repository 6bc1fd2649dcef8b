package io.mpire4j.internal;

/**
 * A request that a slot's worker start its lifecycle (run {@code @WorkerInit}) for a call, queued at
 * the head of the slot's own queue by {@link Generation#startAll}: a call starts every worker it may
 * use, so that an init failure fails it whichever worker happens to take its tasks. Immutable.
 */
final class Start<S> implements Work<S> {
    private final Call<S, ?, ?> call;

    Start(Call<S, ?, ?> call) {
        this.call = call;
    }

    @Override
    public Call<S, ?, ?> call() {
        return call;
    }

    @Override
    public int seq() {
        return 0;
    }
}
