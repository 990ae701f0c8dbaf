package dev.factory.maven;

import dev.factory.BadInputException;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The password of a {@code <server>} of settings.xml, decrypted as Maven decrypts it ({@code {...}} values
 * encrypted with {@code mvn --encrypt-password}, the master password in settings-security.xml). The one place
 * Factory reads a server's secret; the value is returned, never logged, and messages name only the server id.
 */
final class ServerPasswords {
    private ServerPasswords() {}

    /**
     * @param property the parameter that named the server, for messages
     * @throws BadInputException when the server is missing, has no password, or its password cannot be decrypted
     */
    static String of(Settings settings, SettingsDecrypter decrypter, String serverId, String property) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new BadInputException("settings.xml has no <server> with the id '" + serverId + "' (" + property
                    + "). Add "
                    + "<server><id>" + serverId
                    + "</id><password>...</password></server> to ~/.m2/settings.xml (encrypt the "
                    + "password with 'mvn --encrypt-password'), or give the password in COSIGN_PASSWORD instead.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            throw new BadInputException("The password of <server> '" + serverId
                    + "' in settings.xml cannot be decrypted: "
                    + result.getProblems().stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
                    + ". Check the master password in settings-security.xml (mvn --encrypt-master-password), or encrypt the "
                    + "server's password again with 'mvn --encrypt-password'.");
        }
        String password = result.getServer().getPassword();
        if (password == null) {
            throw new BadInputException(
                    "<server> '" + serverId + "' in settings.xml has no <password> (" + property + " names "
                            + "it for the signing key's password). Add one, encrypted with 'mvn --encrypt-password'.");
        }
        return password;
    }
}
