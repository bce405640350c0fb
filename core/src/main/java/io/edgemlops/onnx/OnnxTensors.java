package io.edgemlops.onnx;

import ai.onnxruntime.platform.Fp16Conversions;
import com.google.protobuf.ByteString;
import io.edgemlops.onnx.proto.OnnxProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reading and making ONNX initializer tensors (little-endian {@code raw_data}, as ONNX Runtime expects). */
public final class OnnxTensors {

    private OnnxTensors() {
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public static long elements(OnnxProto.Tensor t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** Whether the tensor holds float32 values. */
    public static boolean isFloat(OnnxProto.Tensor t) {
        return t.getDataType() == OnnxProto.Tensor.DataType.FLOAT_VALUE;
    }

    /**
     * The values of a float32 tensor, from {@code raw_data} or {@code float_data}. Tensors stored
     * outside the file ({@code data_location = EXTERNAL}) are not supported and are refused by name.
     */
    public static float[] floats(OnnxProto.Tensor t) {
        if (!isFloat(t)) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' is " + OnnxModelReader.typeName(t.getDataType())
                    + ", not FLOAT");
        }
        long n = elements(t);
        if (t.hasRawData()) {
            ByteString raw = t.getRawData();
            if (raw.size() != n * 4) {
                throw new IllegalArgumentException("tensor '" + t.getName() + "' has " + raw.size() + " bytes of data for "
                        + n + " floats");
            }
            float[] out = new float[(int) n];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        if (t.getFloatDataCount() == n) {
            float[] out = new float[(int) n];
            for (int i = 0; i < n; i++) {
                out[i] = t.getFloatData(i);
            }
            return out;
        }
        throw new IllegalArgumentException("tensor '" + t.getName() + "' has no data in the file (external data is not "
                + "supported)");
    }

    /** A float32 tensor. */
    public static OnnxProto.Tensor floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return tensor(name, dims, OnnxProto.Tensor.DataType.FLOAT, buf.array());
    }

    /** A float32 scalar (no dimensions). */
    public static OnnxProto.Tensor floatScalar(String name, float value) {
        return floatTensor(name, new long[0], new float[] {value});
    }

    /** An int8 tensor. */
    public static OnnxProto.Tensor int8Tensor(String name, long[] dims, byte[] values) {
        return tensor(name, dims, OnnxProto.Tensor.DataType.INT8, values);
    }

    /** A uint8 scalar, given as 0..255. */
    public static OnnxProto.Tensor uint8Scalar(String name, int value) {
        return tensor(name, new long[0], OnnxProto.Tensor.DataType.UINT8, new byte[] {(byte) value});
    }

    /** An int32 tensor. */
    public static OnnxProto.Tensor int32Tensor(String name, long[] dims, int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return tensor(name, dims, OnnxProto.Tensor.DataType.INT32, buf.array());
    }

    /** A float16 tensor made from float32 values (nearest representable value; beyond ±65504 becomes ±infinity). */
    public static OnnxProto.Tensor float16Tensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putShort(Fp16Conversions.floatToFp16(v));
        }
        return tensor(name, dims, OnnxProto.Tensor.DataType.FLOAT16, buf.array());
    }

    private static OnnxProto.Tensor tensor(String name, long[] dims, OnnxProto.Tensor.DataType type, byte[] raw) {
        OnnxProto.Tensor.Builder t = OnnxProto.Tensor.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
