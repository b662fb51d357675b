@testable import MQTT

/// A self-signed EC certificate for "localhost" and 127.0.0.1, valid until 2126, and its key:
/// test material only, never to be trusted outside these tests.
let testTLSIdentity = LocalMosquitto.TLSIdentity(
  certificatePEM: """
    -----BEGIN CERTIFICATE-----
    MIIBmjCCAUGgAwIBAgIUILBjDiUW+SMXdlqYKsnMTeVo6AUwCgYIKoZIzj0EAwIw
    FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTEyMjU0MVoYDzIxMjYxMTA1
    MTIyNTQxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
    PQMBBwNCAASNwSISwRP7PxGLYOw0mOlNPWAAC5Yx+l4c81cPv7cCxQKPG9wzdfI1
    /0+tj/QnvHiLggGa0pZmw5pvAzZ1wbtgo28wbTAdBgNVHQ4EFgQU8ZY+fmWm6u1o
    HW2dk+Jx/4a97qcwHwYDVR0jBBgwFoAU8ZY+fmWm6u1oHW2dk+Jx/4a97qcwDwYD
    VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
    zj0EAwIDRwAwRAIgQlSU/7ZHsBoEM7FtcUPs/ceeR0oU13SZ++sxiu881fICIGpj
    M+xV+PWFXfaQaWGNsOgpXkn5/B9R3nmjv5yx4uiw
    -----END CERTIFICATE-----

    """,
  privateKeyPEM: """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglfr9wHJimLxy3Y/H
    PLJ9GnYmEoi+8nyqz5392HkRUXqhRANCAASNwSISwRP7PxGLYOw0mOlNPWAAC5Yx
    +l4c81cPv7cCxQKPG9wzdfI1/0+tj/QnvHiLggGa0pZmw5pvAzZ1wbtg
    -----END PRIVATE KEY-----

    """)
