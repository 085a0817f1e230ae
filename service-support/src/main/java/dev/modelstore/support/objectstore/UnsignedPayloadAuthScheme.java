package dev.modelstore.support.objectstore;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 with {@code UNSIGNED-PAYLOAD} for a model store reached over plain http (a loopback or
 * in-cluster MinIO/S3Proxy), as rclone and the SDK itself over https do. Over http the SDK would
 * otherwise sign every body in aws-chunked encoding: a SHA-256 and an HMAC per chunk on our side
 * and the same again in the store, for bodies whose SHA-256 the manifest already records. Headers,
 * path and query stay signed; the signature does not cover the scheme, so the request is signed
 * as if it went over https and then sent over http unchanged.
 */
final class UnsignedPayloadAuthScheme implements AwsV4AuthScheme {

    private final AwsV4HttpSigner signer = new UnsignedPayloadSigner(AwsV4HttpSigner.create());

    @Override
    public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return providers.identityProvider(AwsCredentialsIdentity.class);
    }

    @Override
    public AwsV4HttpSigner signer() {
        return signer;
    }

    /** Signs http requests the way the SDK signs https ones: payload unsigned, not chunked. */
    private record UnsignedPayloadSigner(AwsV4HttpSigner v4) implements AwsV4HttpSigner {

        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SdkHttpRequest original = request.request();
            if (!"http".equalsIgnoreCase(original.protocol())) {
                return v4.sign(request);
            }
            SignedRequest signed = v4.sign(request.copy(r -> r.request(original.toBuilder().protocol("https").build())
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)));
            return signed.copy(s -> s.request(signed.request().toBuilder().protocol(original.protocol())
                    .port(original.port()).build()));
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            // Only synchronous clients use this scheme; an async one keeps the SDK's own signing.
            return v4.signAsync(request);
        }
    }
}
