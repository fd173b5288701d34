package isa.duckdb.cli;

import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cancel ID}: interrupts a running query (CancelQuery); its caller gets CANCELLED. */
@Command(name = "cancel", description = "Cancel a running query by the call id 'queries' shows.")
final class CancelCommand extends ServiceCall {
    @Parameters(paramLabel = "CALL_ID", description = "The call id")
    String callId;

    @Override
    int run(Connection connection) {
        CancelQueryResponse response = connection.blocking().cancelQuery(CancelQueryRequest.newBuilder()
                .setUserId(cli.user()).setCallId(callId).build());
        check(response.getSuccess(), response.getError());
        out().println(response.getMessage());
        return ExitCodes.OK;
    }
}
