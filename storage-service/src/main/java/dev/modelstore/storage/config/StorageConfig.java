package dev.modelstore.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Storage billing settings. */
@ConfigMapping(prefix = "modelstore.storage")
public interface StorageConfig {

    /** The largest model accepted, in bytes (50 GB); every way of creating a model asks for it here. */
    @WithDefault("50000000000")
    long maxModelBytes();

    /** Bytes each project stores free of charge (50 GB). */
    @WithDefault("50000000000")
    long freeAllowanceBytes();

    /** The price of one GB (10^9 bytes) stored for a month, above the allowance. */
    @WithDefault("0.05")
    double pricePerGbMonth();

    /** The currency of prices and charges. */
    @WithDefault("USD")
    String currency();

    /** Hours in a billing month (730 = 365 × 24 / 12). */
    @WithDefault("730")
    double hoursPerMonth();

    /** Billing granularity: each model's billed size is its size rounded up to a multiple of this (1 MB). */
    @WithDefault("1000000")
    long billingUnitBytes();

    /**
     * How long an ingest's quota reservation lasts without being renewed (an ingest renews it as it
     * grows, and it goes when the model is counted, fails or is deleted).
     */
    @WithDefault("13h")
    java.time.Duration reservationTtl();
}
