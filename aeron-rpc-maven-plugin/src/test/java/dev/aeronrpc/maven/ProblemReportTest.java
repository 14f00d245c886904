package dev.aeronrpc.maven;

import dev.aeronrpc.codegen.parse.SchemaException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemReportTest
{
    private final ProblemReport report = new ProblemReport();
    private final RecordingLog log = new RecordingLog();

    @Test
    void shouldHaveNothingToReportAtFirst()
    {
        assertTrue(report.isEmpty());
    }

    @Test
    void shouldLogEachProblemAsAnErrorLineOfItsOwn()
    {
        report.add(new SchemaException("bank.xml", List.of(
            "bank.xml:12: service Bank method deposit: request message 'DepositReq' is not defined in the schema",
            "bank.xml:14: service Bank: method id 1 is used twice")));

        report.logTo(log);

        assertFalse(report.isEmpty());
        assertEquals(List.of(
            "ERROR bank.xml:12: service Bank method deposit: request message 'DepositReq' is not defined in the schema",
            "ERROR bank.xml:14: service Bank: method id 1 is used twice"), log.lines);
    }

    @Test
    void shouldCountOneProblem()
    {
        report.add(new SchemaException("bank.xml", List.of("bank.xml:3: service Bank: missing attribute id")));

        assertEquals("1 problem in bank.xml, listed above; nothing was generated from it", report.failureMessage());
    }

    @Test
    void shouldCountTheProblemsOfEverySchema()
    {
        report.add(new SchemaException("a.xml", List.of("a.xml:3: one", "a.xml:4: two")));
        report.add(new SchemaException("b.xml", List.of("b.xml: three")));

        assertEquals("3 problems in a.xml, b.xml, listed above; nothing was generated from them",
            report.failureMessage());
    }
}
