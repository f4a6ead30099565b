use std::sync::Arc;

use awsdoc_sdk::dynamodb::{errors::ListBackupsError, types::ListBackupsInput, Client};
use awsdoc_sdk::runtime::{HttpTransport, PaginationConfig};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let table = std::env::args().nth(1).expect("usage: TABLE");
    // Credentials, region and endpoint as the AWS CLI finds them: AWS_* variables, ~/.aws.
    let client = Client::new(Arc::new(HttpTransport::from_env()?));
    for name in backup_names(&client, &table).await? {
        println!("{name}");
    }
    Ok(())
}

/// The names of `table`'s backups, across all the result pages.
pub async fn backup_names(client: &Client, table: &str) -> Result<Vec<String>, ListBackupsError> {
    let input = ListBackupsInput {
        table_name: Some(table.into()),
        ..Default::default()
    };
    let backups = client.list_backups_items(input, PaginationConfig::default());
    backups
        .map_ok(|b| b.backup_name.unwrap_or_default())
        .try_collect()
        .await
}
