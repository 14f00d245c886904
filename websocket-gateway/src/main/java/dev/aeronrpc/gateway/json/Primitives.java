package dev.aeronrpc.gateway.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;

import java.nio.ByteOrder;

/**
 * Reads and writes one SBE primitive of a type known only at run time. Integers travel as a long holding the
 * value's bits (uint64 above {@link Long#MAX_VALUE} as a negative long), floats as a double.
 */
final class Primitives
{
    private Primitives()
    {
    }

    static boolean isFloat(final PrimitiveType type)
    {
        return PrimitiveType.FLOAT == type || PrimitiveType.DOUBLE == type;
    }

    static long getLong(final DirectBuffer buffer, final int index, final PrimitiveType type, final ByteOrder order)
    {
        return switch (type)
        {
            case CHAR, INT8 -> buffer.getByte(index);
            case UINT8 -> buffer.getByte(index) & 0xFFL;
            case INT16 -> buffer.getShort(index, order);
            case UINT16 -> buffer.getShort(index, order) & 0xFFFFL;
            case INT32 -> buffer.getInt(index, order);
            case UINT32 -> buffer.getInt(index, order) & 0xFFFF_FFFFL;
            case INT64, UINT64 -> buffer.getLong(index, order);
            case FLOAT, DOUBLE -> throw new IllegalArgumentException("not an integer type: " + type);
        };
    }

    static void putLong(
        final MutableDirectBuffer buffer, final int index, final PrimitiveType type, final long value, final ByteOrder order)
    {
        switch (type)
        {
            case CHAR, INT8, UINT8 -> buffer.putByte(index, (byte)value);
            case INT16, UINT16 -> buffer.putShort(index, (short)value, order);
            case INT32, UINT32 -> buffer.putInt(index, (int)value, order);
            case INT64, UINT64 -> buffer.putLong(index, value, order);
            case FLOAT, DOUBLE -> throw new IllegalArgumentException("not an integer type: " + type);
        }
    }

    static double getDouble(final DirectBuffer buffer, final int index, final PrimitiveType type, final ByteOrder order)
    {
        return PrimitiveType.FLOAT == type ? buffer.getFloat(index, order) : buffer.getDouble(index, order);
    }

    static void putDouble(
        final MutableDirectBuffer buffer, final int index, final PrimitiveType type, final double value, final ByteOrder order)
    {
        if (PrimitiveType.FLOAT == type)
        {
            buffer.putFloat(index, (float)value, order);
        }
        else
        {
            buffer.putDouble(index, value, order);
        }
    }
}
