package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aeronrpc.gateway.test.AllTypesDecoder;
import dev.aeronrpc.gateway.test.AllTypesEncoder;
import dev.aeronrpc.gateway.test.Side;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON to SBE and back for every field type, checked against the codecs SBE generates from the same schema.
 */
class MessageTypeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_TYPES = """
        {"i8":-8,"u8":200,"i16":-16000,"u16":60000,"i32":-2000000000,"u32":4000000000,
         "i64":-9000000000000000000,"u64":18446744073709551614,"f32":1.5,"f64":-2.25,
         "letter":"x","symbol":"AERON","maybe":null,"triple":[1,-2,3],"side":"SELL","flags":["urgent","test"],
         "where":{"x":3,"y":-4},
         "legs":[{"quantity":5,"legSide":"BUY","note":"first"},{"quantity":-6,"legSide":"SELL","note":"zweite ü"}],
         "text":"héllo","blob":"AAEC/w=="}""";

    private final SchemaCatalog catalog = SchemaCatalog.loadResource("gateway-test.xml");
    private final MessageType allTypes = catalog.message("AllTypes");
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);

    @Test
    void shouldWriteWhatTheGeneratedDecoderReads() throws Exception
    {
        allTypes.encode(JSON.readTree(ALL_TYPES), buffer, 0);
        final AllTypesDecoder decoder = new AllTypesDecoder()
            .wrap(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION);

        assertEquals(-8, decoder.i8());
        assertEquals(200, decoder.u8());
        assertEquals(-16000, decoder.i16());
        assertEquals(60000, decoder.u16());
        assertEquals(-2000000000, decoder.i32());
        assertEquals(4000000000L, decoder.u32());
        assertEquals(-9000000000000000000L, decoder.i64());
        assertEquals(-2L, decoder.u64());
        assertEquals(1.5f, decoder.f32());
        assertEquals(-2.25, decoder.f64());
        assertEquals('x', (char)decoder.letter());
        assertEquals("AERON", decoder.symbol());
        assertEquals(AllTypesDecoder.maybeNullValue(), decoder.maybe());
        assertEquals(-2, decoder.triple(1));
        assertEquals(Side.SELL, decoder.side());
        assertTrue(decoder.flags().urgent() && decoder.flags().test() && !decoder.flags().hidden());
        assertEquals(-4, decoder.where().y());
        final AllTypesDecoder.LegsDecoder legs = decoder.legs();
        assertEquals(2, legs.count());
        assertEquals(5, legs.next().quantity());
        assertEquals("first", legs.note());
        assertEquals(Side.SELL, legs.next().legSide());
        assertEquals("zweite ü", legs.note());
        assertEquals("héllo", decoder.text());
        final byte[] blob = new byte[decoder.blobLength()];
        decoder.getBlob(blob, 0, blob.length);
        assertArrayEquals(new byte[]{0, 1, 2, (byte)0xFF}, blob);
    }

    @Test
    void shouldReadWhatTheGeneratedEncoderWrote()
    {
        final AllTypesEncoder encoder = new AllTypesEncoder().wrap(buffer, 0)
            .i8((byte)1).u8((short)255).i32(7).u64(Long.MIN_VALUE).f64(0.5).letter((byte)'q').symbol("SBE")
            .maybe(12).side(Side.BUY);
        encoder.triple(0, (short)9);
        encoder.flags().hidden(true);
        encoder.where().x(-1).y(2);
        encoder.legsCount(1).next().quantity(3).legSide(Side.SELL).note("n");
        encoder.text("t").putBlob(new byte[]{7}, 0, 1);

        final JsonNode json = allTypes.decode(buffer, 0, AllTypesEncoder.BLOCK_LENGTH, AllTypesEncoder.SCHEMA_VERSION);

        assertEquals(1, json.get("i8").asInt());
        assertEquals(255, json.get("u8").asInt());
        assertEquals(7, json.get("i32").asInt());
        assertEquals(new BigInteger("9223372036854775808"), json.get("u64").bigIntegerValue());
        assertEquals(0.5, json.get("f64").asDouble());
        assertEquals("q", json.get("letter").asText());
        assertEquals("SBE", json.get("symbol").asText());
        assertEquals(12, json.get("maybe").asInt());
        assertEquals("[9,0,0]", json.get("triple").toString());
        assertEquals("BUY", json.get("side").asText());
        assertEquals("[\"hidden\"]", json.get("flags").toString());
        assertEquals("{\"x\":-1,\"y\":2}", json.get("where").toString());
        assertEquals("[{\"quantity\":3,\"legSide\":\"SELL\",\"note\":\"n\"}]", json.get("legs").toString());
        assertEquals("t", json.get("text").asText());
        assertEquals("Bw==", json.get("blob").asText());
    }

    @Test
    void shouldRoundTripEveryFieldType() throws Exception
    {
        final JsonNode original = JSON.readTree(ALL_TYPES);
        allTypes.encode(original, buffer, 0);
        // Compared as text: JSON numbers read back in the width of their field, not the parser's choice.
        assertEquals(original.toString(),
            allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION).toString());
    }

    @Test
    void shouldDefaultFieldsLeftOut() throws Exception
    {
        final int length = allTypes.encode(JSON.readTree("{}"), buffer, 0);
        final JsonNode json = allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION);

        assertEquals(0, json.get("i64").asLong());
        assertTrue(json.get("maybe").isNull());
        assertTrue(json.get("side").isNull());
        assertEquals("", json.get("symbol").asText());
        assertEquals(0, json.get("legs").size());
        assertEquals("", json.get("text").asText());
        assertEquals(length, new AllTypesDecoder()
            .wrap(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION).sbeDecodedLength());
    }

    @Test
    void shouldNameTheFieldThatDoesNotFit()
    {
        assertProblem("{\"i32\":\"seven\"}", "field \"i32\": expected an integer from -2147483647 to 2147483647");
        assertProblem("{\"u8\":256}", "field \"u8\": expected an integer from 0 to 254 (uint8), got number 256");
        assertProblem("{\"u8\":1.5}", "field \"u8\": expected an integer");
        assertProblem("{\"f64\":true}", "field \"f64\": expected a number, got boolean true");
        assertProblem("{\"symbol\":\"TOO-LONG-SYMBOL\"}", "field \"symbol\": expected a string of at most 8");
        assertProblem("{\"side\":\"HOLD\"}", "field \"side\": expected one of [BUY, SELL], got string \"HOLD\"");
        assertProblem("{\"flags\":[\"loud\"]}", "field \"flags\": expected choices from [urgent, hidden, test]");
        assertProblem("{\"where\":{\"z\":1}}", "field \"where.z\": no such field in the message");
        assertProblem("{\"legs\":[{},{\"quantity\":\"x\"}]}", "field \"legs[1].quantity\": expected an integer");
        assertProblem("{\"legs\":{}}", "field \"legs\": expected an array of objects");
        assertProblem("{\"text\":5}", "field \"text\": expected a string, got number 5");
        assertProblem("{\"blob\":\"***\"}", "field \"blob\": expected base64 bytes");
        assertProblem("{\"colour\":\"red\"}", "field \"colour\": no such field in the message");
        assertProblem("[1]", "expected an object, got array [1]");
    }

    @Test
    void shouldRefuseTheUint64NullValueAsInAnyOtherWidth()
    {
        assertProblem("{\"u64\":18446744073709551615}",
            "field \"u64\": expected an integer from 0 to 18446744073709551614 (uint64)");
        assertProblem("{\"u32\":4294967295}", "field \"u32\": expected an integer from 0 to 4294967294 (uint32)");
        assertProblem("{\"u64\":-1}", "field \"u64\": expected an integer from 0 to");
    }

    @Test
    void shouldAcceptDecimalStringsForSixtyFourBitIntegersOnly() throws Exception
    {
        allTypes.encode(JSON.readTree("{\"i64\":\"-9007199254740993\",\"u64\":\"18446744073709551614\"}"), buffer, 0);
        final AllTypesDecoder decoder = new AllTypesDecoder()
            .wrap(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION);
        assertEquals(-9007199254740993L, decoder.i64());
        assertEquals(-2L, decoder.u64());

        assertProblem("{\"i32\":\"7\"}", "field \"i32\": expected an integer");
        assertProblem("{\"i64\":\"7.5\"}", "field \"i64\": expected an integer");
        assertProblem("{\"u64\":\"18446744073709551615\"}", "field \"u64\": expected an integer from 0 to");
    }

    @Test
    void shouldRefuseTextItsEncodingCannotHold()
    {
        assertProblem("{\"symbol\":\"CAFÉ\"}", "field \"symbol\": text that US-ASCII cannot encode");
        assertProblem("{\"legs\":[{\"note\":\"\\ud800\"}]}", "field \"legs[0].note\": text that UTF-8 cannot");
    }

    @Test
    void shouldRefuseToReadPastTheEndOfAMessage() throws Exception
    {
        final int length = allTypes.encode(JSON.readTree(ALL_TYPES), buffer, 0);
        assertEquals(JSON.readTree(ALL_TYPES).toString(),
            allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION, length).toString());

        final IllegalArgumentException shortened = assertThrows(IllegalArgumentException.class,
            () -> allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION, length - 1));
        assertTrue(shortened.getMessage().startsWith("malformed message"), shortened.getMessage());

        // The last field is blob's data, after its uint32 length: claim 4 GiB - 1 bytes.
        final int blobLength = length - 4 - 4;
        buffer.putInt(blobLength, -1);
        final IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
            () -> allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION, length));
        assertTrue(huge.getMessage().contains("blob of 4294967295 bytes"), huge.getMessage());

        final IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
            () -> allTypes.decode(buffer, 0, AllTypesDecoder.BLOCK_LENGTH, AllTypesDecoder.SCHEMA_VERSION, 8));
        assertTrue(block.getMessage().contains("a block of " + AllTypesDecoder.BLOCK_LENGTH), block.getMessage());
    }

    @Test
    void shouldListTheSchemasMethods()
    {
        assertEquals("[Types/roundTrip, Types/fail, Types/upload, Types/note, Counter/count, Counter/echo]",
            catalog.methods().stream().map(JsonMethod::fullName).toList().toString());
        assertEquals("Number", catalog.method("Counter", "count").response().name());
    }

    private void assertProblem(final String json, final String expected)
    {
        final JsonConversionException ex = assertThrows(JsonConversionException.class,
            () -> allTypes.encode(JSON.readTree(json), buffer, 0));
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
    }
}
