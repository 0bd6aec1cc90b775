package io.ringstream.sentiment.djl;

/**
 * Keeps DJL from ever reaching the network: it would otherwise try to download engine natives or
 * model-zoo metadata, which production networks block and which would make start-up depend on a
 * third-party host. The ONNX Runtime natives ship inside the onnxruntime jar and the tokenizer's
 * inside DJL's tokenizers jar, so offline mode loses nothing.
 */
final class DjlOffline {
    private DjlOffline() {}

    /** Sets {@code ai.djl.offline=true} unless the operator chose otherwise explicitly. */
    static void enforce() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
