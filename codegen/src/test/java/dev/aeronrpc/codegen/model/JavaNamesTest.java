package dev.aeronrpc.codegen.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaNamesTest
{
    @Test
    void shouldFormMethodIdConstantsInUpperSnakeCase()
    {
        assertEquals("DEPOSIT_METHOD_ID", JavaNames.methodIdConstant("deposit"));
        assertEquals("GET_ACCOUNT_STATUS_METHOD_ID", JavaNames.methodIdConstant("getAccountStatus"));
        assertEquals("READ_HTTP_HEADER_METHOD_ID", JavaNames.methodIdConstant("readHTTPHeader"));
        assertEquals("FOO_BAR_METHOD_ID", JavaNames.methodIdConstant("foo_bar"));
        assertEquals("GET2_FA_METHOD_ID", JavaNames.methodIdConstant("get2FA"));
    }

    @Test
    void shouldNameCodecsAsSbeDoes()
    {
        assertEquals("PingEncoder", JavaNames.encoderName("ping"));
        assertEquals("PingDecoder", JavaNames.decoderName("ping"));
        assertEquals("BalanceEncoder", JavaNames.encoderName("Balance"));
    }

    @Test
    void shouldNameServiceClasses()
    {
        assertEquals("BankClient", JavaNames.clientName("Bank"));
        assertEquals("BankStub", JavaNames.stubName("Bank"));
    }

    @Test
    void shouldAcceptOnlyJavaIdentifiers()
    {
        assertTrue(JavaNames.isJavaIdentifier("deposit"));
        assertFalse(JavaNames.isJavaIdentifier("my-service"));
        assertFalse(JavaNames.isJavaIdentifier("class"));
        assertFalse(JavaNames.isJavaIdentifier("1st"));
        assertFalse(JavaNames.isJavaIdentifier(""));
    }
}
