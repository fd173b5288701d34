package isa.duckdb.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for the TLS tests, made with the {@code openssl} command (BouncyCastle's certificate builder is not
 * on the classpath): a CA, a server certificate for {@code localhost}/{@code 127.0.0.1} and a client certificate,
 * both signed by the CA; keys in PKCS#8 PEM.
 */
final class TestCertificates {
    private TestCertificates() {
    }

    /** Makes {@code ca.pem}/{@code ca.key} in the folder. */
    static void authority(Path folder, String name) {
        openssl(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + "-ca.key", "-out", name + "-ca.pem", "-days", "2", "-subj", "/CN=" + name + " test CA");
    }

    /** Makes {@code {name}.pem}/{@code {name}.key}, signed by the CA {@code ca}, valid for localhost and 127.0.0.1. */
    static void signed(Path folder, String ca, String name) {
        openssl(folder, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                name + ".key", "-out", name + ".csr", "-subj", "/CN=localhost");
        openssl(folder, "x509", "-req", "-in", name + ".csr", "-CA", ca + "-ca.pem", "-CAkey", ca + "-ca.key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", writeExtensions(folder));
    }

    private static String writeExtensions(Path folder) {
        try {
            java.nio.file.Files.writeString(folder.resolve("san.ext"),
                    "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "san.ext";
    }

    private static void openssl(Path folder, String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for the TLS tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
